"use client";

// The /sign-in route's content: Auth0 signs in on its own login page, so this page only forwards there.
export { SignInPage } from "../redirect-sign-in";
