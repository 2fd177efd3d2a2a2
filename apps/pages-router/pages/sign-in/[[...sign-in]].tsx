import { SignInPage } from "@repo/auth/sign-in-page";

export default SignInPage;
