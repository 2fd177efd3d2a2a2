// The pages only signed-in users may open, for every provider's middleware (each also matches what follows them).
export const PROTECTED_PREFIXES = ["/private", "/server-auth"] as const;
