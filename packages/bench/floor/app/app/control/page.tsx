// The floor's control: a bare page rendered per request, what the router alone costs per request (the apps' /control
// adds their layout and middleware to it).
export const dynamic = "force-dynamic";

export default function Control() {
  return <h1>Floor control: a bare page rendered per request</h1>;
}
