// A bare page: what Next and React alone ship to the browser, the floor the real app is compared with.
export default function Page() {
  return <h1>Floor: a bare App Router page</h1>;
}
