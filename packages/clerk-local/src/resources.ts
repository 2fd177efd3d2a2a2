// Clerk's JSON resources (snake_case, as the Frontend API returns them), built from the store's records.
import { missingFields } from "./identifiers";
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from "./new-user";
import type { InstanceSettings } from "./settings";
import type { Client, Session, SignIn, SignUp, Store, User } from "./store";

const factor = (enabled: boolean, extra: Record<string, unknown> = {}) => ({
  enabled,
  required: enabled,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
  ...extra,
});

/** A user attribute as the settings configure it (an identifier signs in; a required field must be filled). */
function attribute(settings: InstanceSettings, name: "email_address" | "username") {
  const enabled = settings.identifiers.has(name);
  return {
    ...factor(enabled),
    required: settings.required.has(name),
    used_for_first_factor: enabled,
  };
}

/**
 * An instance with password sign-in and sign-up by email address and/or username, as the settings say (no OAuth,
 * organizations or MFA). `baseUrl` is this server: its hosted pages are the instance's sign-in and sign-up URLs, as
 * the Account Portal's are on Clerk.
 */
export function environmentJson(
  applicationName: string,
  baseUrl: string,
  settings: InstanceSettings,
) {
  return {
    object: "environment",
    id: "env_offline",
    maintenance_mode: false,
    auth_config: {
      object: "auth_config",
      id: "aac_offline",
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      preferred_channels: {},
    },
    display_config: {
      object: "display_config",
      id: "display_config_offline",
      instance_environment_type: "development",
      application_name: applicationName,
      branded: false,
      show_devmode_warning: false,
      preferred_sign_in_strategy: "password",
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_public_key_invisible: null,
      captcha_provider: null,
      captcha_oauth_bypass: null,
      home_url: "",
      sign_in_url: `${baseUrl}/sign-in`,
      sign_up_url: `${baseUrl}/sign-up`,
      user_profile_url: "",
      waitlist_url: "",
      after_sign_in_url: "",
      after_sign_up_url: "",
      after_sign_out_one_url: "",
      after_sign_out_all_url: "",
      after_switch_session_url: "",
      after_join_waitlist_url: "",
      organization_profile_url: "",
      create_organization_url: "",
      after_leave_organization_url: "",
      after_create_organization_url: "",
      logo_image_url: "",
      favicon_image_url: "",
      support_email: "",
      terms_url: "",
      privacy_policy_url: "",
      theme: { buttons: {}, general: {}, accounts: {} },
    },
    user_settings: {
      attributes: {
        email_address: attribute(settings, "email_address"),
        phone_number: factor(false),
        username: attribute(settings, "username"),
        web3_wallet: factor(false),
        first_name: { ...factor(true), required: settings.required.has("first_name") },
        last_name: { ...factor(true), required: settings.required.has("last_name") },
        password: factor(true),
        authenticator_app: factor(false),
        backup_code: factor(false),
        passkey: factor(false),
      },
      social: {},
      saml: { enabled: false },
      enterprise_sso: { enabled: false },
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: {
        allowlist_only: false,
        captcha_enabled: false,
        legal_consent_enabled: false,
        mode: "public",
        progressive: true,
      },
      password_settings: {
        // Offline, a bundled list of breached passwords stands in for HaveIBeenPwned (src/common-passwords.ts).
        disable_hibp: false,
        min_length: 8,
        max_length: 72,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
        allowed_special_characters: "",
      },
      username_settings: { min_length: USERNAME_MIN_LENGTH, max_length: USERNAME_MAX_LENGTH },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      actions: { delete_self: false, create_organization: false },
    },
    organization_settings: {
      enabled: false,
      max_allowed_memberships: 0,
      force_organization_selection: false,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: true },
    },
    commerce_settings: {
      object: "commerce_settings",
      id: "commerce_settings_offline",
      billing: {
        stripe_publishable_key: "",
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: {
      object: "api_keys_settings",
      id: "api_keys_settings_offline",
      enabled: false,
    },
  };
}

const identifiersOf = (user: User) => [
  ...(user.email === null ? [] : ["email_address"]),
  ...(user.username === null ? [] : ["username"]),
];

const fullName = (user: User) => [user.firstName, user.lastName].filter(Boolean).join(" ") || null;

export function userJson(user: User) {
  const lockoutSeconds =
    user.lockedUntil !== null && user.lockedUntil > Date.now()
      ? Math.ceil((user.lockedUntil - Date.now()) / 1000)
      : null;
  return {
    object: "user",
    id: user.id,
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    full_name: fullName(user),
    image_url: "",
    has_image: false,
    primary_email_address_id: user.email === null ? null : user.emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses:
      user.email === null
        ? []
        : [
            {
              object: "email_address",
              id: user.emailId,
              email_address: user.email,
              reserved: false,
              verification: {
                status: "verified",
                strategy: "admin",
                attempts: null,
                expire_at: null,
              },
              linked_to: [],
              matches_sso_connection: false,
              created_at: user.createdAt,
              updated_at: user.updatedAt,
            },
          ],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: user.lastSignInAt,
    banned: false,
    locked: lockoutSeconds !== null,
    lockout_expires_in_seconds: lockoutSeconds,
    verification_attempts_remaining: null,
    delete_self_enabled: false,
    create_organization_enabled: false,
    legal_accepted_at: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

export function sessionJson(session: Session, user: User, lastActiveToken: string | null) {
  return {
    object: "session",
    id: session.id,
    status: session.status,
    expire_at: session.expireAt,
    abandon_at: session.expireAt,
    last_active_at: session.lastActiveAt,
    last_active_organization_id: null,
    last_active_token: lastActiveToken === null ? null : { object: "token", jwt: lastActiveToken },
    actor: null,
    tasks: null,
    factor_verification_age: [0, -1],
    user: userJson(user),
    public_user_data: {
      first_name: user.firstName,
      last_name: user.lastName,
      image_url: "",
      has_image: false,
      identifier: user.email ?? user.username,
      user_id: user.id,
    },
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

export function signInJson(signIn: SignIn, user: User | null) {
  const passwordFactor = { strategy: "password" };
  const emailFactor =
    user?.email == null
      ? []
      : [
          {
            strategy: "email_code",
            safe_identifier: user.email,
            email_address_id: user.emailId,
            primary: true,
          },
        ];
  return {
    object: "sign_in",
    id: signIn.id,
    status: signIn.status,
    identifier: signIn.identifier,
    supported_identifiers: user === null ? [] : identifiersOf(user),
    supported_first_factors:
      signIn.status === "needs_identifier" ? [] : [passwordFactor, ...emailFactor],
    supported_second_factors: null,
    first_factor_verification:
      signIn.attempts === 0
        ? null
        : {
            status: signIn.status === "complete" ? "verified" : "unverified",
            strategy: "password",
            attempts: signIn.attempts,
            expire_at: null,
            error: null,
          },
    second_factor_verification: null,
    user_data:
      user === null
        ? null
        : { first_name: user.firstName, last_name: user.lastName, image_url: "", has_image: false },
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.abandonAt,
  };
}

export function signUpJson(signUp: SignUp, settings: InstanceSettings) {
  const enabled = [...settings.identifiers, "first_name", "last_name"];
  return {
    object: "sign_up",
    id: signUp.id,
    status: signUp.status,
    required_fields: [...settings.required, "password"],
    optional_fields: enabled.filter((field) => !(settings.required as Set<string>).has(field)),
    // The password is not kept between requests: it completes the sign-up in the request that brings it.
    missing_fields:
      signUp.status === "complete"
        ? []
        : missingFields(settings, { ...signUp, hasPassword: false }),
    unverified_fields: [],
    verifications: {
      email_address: null,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: signUp.username,
    email_address: signUp.email,
    phone_number: null,
    web3_wallet: null,
    password_enabled: signUp.status === "complete",
    first_name: signUp.firstName,
    last_name: signUp.lastName,
    unsafe_metadata: {},
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: signUp.createdSessionId,
    created_user_id: signUp.createdUserId,
    abandon_at: signUp.abandonAt,
    legal_accepted_at: null,
  };
}

/** The client with its sessions; each active session carries a fresh token so clerk-js needs no extra round trip. */
export function clientJson(
  store: Store,
  client: Client,
  tokens: Map<string, string>,
  settings: InstanceSettings,
) {
  const sessions = store.activeSessions(client).flatMap((session) => {
    const user = store.user(session.userId);
    return user === null ? [] : [sessionJson(session, user, tokens.get(session.id) ?? null)];
  });
  // The client's latest attempts; once complete they are no longer the client's current sign-in / sign-up.
  const latestSignIn = store.signIn(client, client.signInId);
  const latestSignUp = store.signUp(client, client.signUpId);
  const signIn = latestSignIn?.status === "complete" ? null : latestSignIn;
  const signUp = latestSignUp?.status === "complete" ? null : latestSignUp;
  return {
    object: "client",
    id: client.id,
    sessions,
    sign_in:
      signIn === null
        ? null
        : signInJson(signIn, signIn.userId === null ? null : store.user(signIn.userId)),
    sign_up: signUp === null ? null : signUpJson(signUp, settings),
    last_active_session_id: client.lastActiveSessionId,
    last_authentication_strategy: null,
    captcha_bypass: false,
    cookie_expires_at: Date.now() + 365 * 24 * 3600 * 1000,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}
