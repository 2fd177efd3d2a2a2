"use client";

// The /sign-in route's content: the provider signs in on its own login page, so this page only forwards there.
export { SignInPage } from "../redirect-sign-in";
