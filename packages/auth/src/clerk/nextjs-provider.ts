// The `ClerkProvider` of @clerk/nextjs, as its root export gives it. In a Next build `withAuthProvider` resolves this
// module to the one SDK file that root export would pick for the app's router (src/next-config.ts,
// `clerkProviderFile`), so neither app bundles the other router's provider; elsewhere (tests, types) it is this.
export { ClerkProvider } from "@clerk/nextjs";
