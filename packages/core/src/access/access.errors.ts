export const accessErrorCodes = [
  /** A cookie-authenticated write came without a trusted Origin (cross-site request forgery defence). */
  'CSRF_REJECTED',
  /** Too many requests from one client in the window (sign-in, verification). */
  'RATE_LIMITED',
] as const;
export type AccessErrorCode = (typeof accessErrorCodes)[number];
