/** Error codes of issuing and status changes. */
export const issuanceErrorCodes = [
  /** The credential is revoked; revocation is final. */
  'CREDENTIAL_REVOKED',
  /** A status change the current status does not allow (e.g. unsuspend an active credential). */
  'CREDENTIAL_INVALID_STATUS_CHANGE',
  /** The credential was issued without status entries. */
  'CREDENTIAL_NO_STATUS',
  /** A credential was already issued for this source (e.g. this assessment result): exactly once. */
  'ISSUANCE_ALREADY_ISSUED',
] as const;
export type IssuanceErrorCode = (typeof issuanceErrorCodes)[number];
