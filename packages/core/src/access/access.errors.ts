export const accessErrorCodes = [
  /** A cookie-authenticated write came without a trusted Origin (cross-site request forgery defence). */
  'CSRF_REJECTED',
  /** Too many requests from one client in the window (sign-in, verification). */
  'RATE_LIMITED',
  /** OIDC sign-in: no account has the identity provider's verified email (there is no self sign-up). */
  'OIDC_NO_ACCOUNT',
  /** OIDC sign-in: the identity provider did not assert that the email is verified. */
  'OIDC_EMAIL_NOT_VERIFIED',
  /** OIDC sign-in: the account belongs to another organization than the identity provider's. */
  'OIDC_WRONG_ORGANIZATION',
  /** OIDC sign-in: the callback's state is missing, altered, expired or from another browser. */
  'OIDC_STATE_INVALID',
  /** OIDC sign-in: the provider refused, or the code exchange or ID token check failed. */
  'OIDC_FAILED',
] as const;
export type AccessErrorCode = (typeof accessErrorCodes)[number];
