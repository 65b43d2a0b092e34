/** Error codes of the curriculum module (书证融通: mappings, coverage, optimizer, CASE). */
export const curriculumErrorCodes = [
  /** The certificate has no skill standard version to map against. */
  'CURRICULUM_NO_STANDARD',
  /** A mapping CSV has bad rows (each named by row and column); nothing was written. */
  'CURRICULUM_IMPORT_INVALID',
  /** A mapping CSV cannot be read at all (encoding, quoting, no header, too large). */
  'CURRICULUM_IMPORT_UNREADABLE',
  /** A CASE 1.1 CFPackage is malformed (each problem named by its JSON path); nothing was written. */
  'CURRICULUM_CASE_MALFORMED',
  /** The MILP solver failed or returned something unusable. */
  'CURRICULUM_SOLVER_FAILED',
] as const;
export type CurriculumErrorCode = (typeof curriculumErrorCodes)[number];
