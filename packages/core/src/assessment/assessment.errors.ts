/** Error codes of the assessment module (pilot authorizations, sites, sessions, registrations, results). */
export const assessmentErrorCodes = [
  /** A learner may not register for a session; `details.rule` names the rule, `details.refusals` all of them. */
  'ASSESSMENT_NOT_ELIGIBLE',
  /** A site or pilot authorization lifecycle step that its current status does not allow. */
  'ASSESSMENT_INVALID_TRANSITION',
  /** The site is not approved (or not for this certificate level) for the session asked of it. */
  'ASSESSMENT_SITE_NOT_APPROVED',
  /** A session must follow a PUBLISHED skill standard version of its certificate. */
  'ASSESSMENT_STANDARD_NOT_PUBLISHED',
  /** A site code or an active pilot authorization (institution × certificate × year) already exists. */
  'ASSESSMENT_DUPLICATE',
  /** The session's results are published: draft scores can no longer change (re-score instead). */
  'ASSESSMENT_RESULTS_PUBLISHED',
  /** Results cannot be published while a registration has no score and is not marked absent. */
  'ASSESSMENT_RESULTS_INCOMPLETE',
  /** A results file has bad rows; `details.issues` names each by row and column. Nothing was written. */
  'ASSESSMENT_IMPORT_INVALID',
  /** A results file is not a readable CSV or XLSX file. */
  'ASSESSMENT_IMPORT_UNREADABLE',
  /** A results file is larger than the limit (bytes or rows). */
  'ASSESSMENT_IMPORT_TOO_LARGE',
] as const;
export type AssessmentErrorCode = (typeof assessmentErrorCodes)[number];
