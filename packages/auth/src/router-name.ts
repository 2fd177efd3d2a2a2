// Which router an app uses. Its own module, free of Next's types: @repo/auth/env is also read outside Next (the
// offline stack, the e2e suite), where `next`'s global types would change NodeJS.ProcessEnv.
export type NextRouterName = "app" | "pages";
