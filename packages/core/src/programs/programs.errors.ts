export const programsErrorCodes = [
  /** A learner with this national ID number is already registered. */
  'PROGRAMS_DUPLICATE_LEARNER',
  /** An institution, programme or course code is already taken. */
  'PROGRAMS_DUPLICATE_CODE',
] as const;
export type ProgramsErrorCode = (typeof programsErrorCodes)[number];
