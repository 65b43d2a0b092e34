/** Error codes of the catalog module. */
export const catalogErrorCodes = [
  /** A TEO or certificate lifecycle step that its current status does not allow. */
  'CATALOG_INVALID_TRANSITION',
  /** Voluntary exit requested less than one year after approval (退出目录实施细则 Art. 4). */
  'CATALOG_EXIT_TOO_EARLY',
  /** A published skill standard version was to be edited; publish a new version instead. */
  'CATALOG_STANDARD_PUBLISHED',
  /** A certificate cannot be activated while its TEO is not approved. */
  'CATALOG_TEO_NOT_APPROVED',
  /** A code (TEO, certificate) is already taken. */
  'CATALOG_DUPLICATE_CODE',
] as const;
export type CatalogErrorCode = (typeof catalogErrorCodes)[number];
