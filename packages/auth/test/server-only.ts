// Stands in for Next's server-side `server-only` (an empty module) in tests of server modules.
export {};
