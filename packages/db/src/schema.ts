import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date (or ISO strings) and read as Date on both engines. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface MetaTable {
  key: string;
  value: string;
}

export interface ReferenceProvinceTable {
  code: string;
  name_zh: string;
  name_en: string;
  region: string;
  region4: string;
}

export interface ReferenceMajorTable {
  code: string;
  name_zh: string;
  name_en: string;
  class_code: string;
  group_code: string;
  level: string;
  catalog_version: string;
  iscedf: string | null;
  synthetic: boolean;
}

export interface ReferenceOccupationTable {
  code: string;
  name_zh: string;
  markers: string[];
  isco_codes: string[];
  edition: number;
  synthetic: boolean;
}

export interface TeoTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  org_type: string;
  uscc: string | null;
  status: string;
  applied_at: Timestamp;
  approved_at: Timestamp | null;
  exited_at: Timestamp | null;
  exit_reason: string | null;
  synthetic: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusChangeTable {
  id: Generated<number>;
  from_status: string;
  to_status: string;
  reason: string | null;
  at: Timestamp;
}

export interface TeoStatusChangeTable extends StatusChangeTable {
  teo_id: string;
}

export interface CertificateStatusChangeTable extends StatusChangeTable {
  certificate_id: string;
}

export interface CertificateTable {
  id: string;
  code: string;
  teo_id: string;
  name_zh: string;
  name_en: string;
  full_name_zh: string;
  batch: number | null;
  domain: string;
  status: string;
  occupation_codes: string[];
  isco_codes: string[];
  iscedf: string[];
  synthetic: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CertificateLevelTable {
  certificate_id: string;
  level: number;
  name_zh: string;
  name_en: string;
  intended_stage: string;
  target_majors: string[];
  nominal_hours: number;
  pass_rule: Json<unknown>;
  eqf: number | null;
}

export interface SkillStandardTable {
  id: string;
  certificate_id: string;
  version: number;
  status: string;
  title_zh: string;
  title_en: string;
  based_on_id: string | null;
  created_at: Timestamp;
  published_at: Timestamp | null;
}

export interface SkillNodeTable {
  standard_id: string;
  level: number;
  code: string;
  kind: string;
  title_zh: string;
  title_en: string | null;
  behaviour: string | null;
  condition: string | null;
  standard: string | null;
  result: string | null;
  position: number;
}

export interface InstitutionTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  type: string;
  province_code: string;
  urban_rural: string;
  is_double_high: boolean;
  synthetic: boolean;
  created_at: Timestamp;
}

export interface ProgrammeTable {
  id: string;
  institution_id: string;
  major_code: string;
  cohort_year: number;
  name_zh: string;
  hours_per_credit: number;
  created_at: Timestamp;
}

export interface CourseTable {
  id: string;
  programme_id: string;
  code: string;
  name_zh: string;
  name_en: string | null;
  hours: number;
  practice_hours: number;
  credits: number;
  type: string;
  semester: number | null;
}

/** 书证融通 (migration 0008). */
export interface CurriculumMappingTable {
  id: string;
  programme_id: string;
  course_id: string;
  standard_id: string;
  certificate_id: string;
  level: number;
  requirement_code: string;
  kind: string;
  weight: number;
}

export interface LearnerTable {
  id: string;
  kind: string;
  name_zh: string;
  institution_id: string | null;
  programme_id: string | null;
  province_code: string;
  birth_year: number | null;
  gender: string | null;
  national_id_cipher: Uint8Array;
  national_id_index: Uint8Array;
  national_id_masked: string;
  synthetic: boolean;
  created_at: Timestamp;
}

export interface PilotAuthorizationTable {
  id: string;
  institution_id: string;
  certificate_id: string;
  levels: number[];
  year: number;
  status: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface AssessmentSiteTable {
  id: string;
  code: string;
  name_zh: string;
  teo_id: string;
  host_type: string;
  host_institution_id: string | null;
  host_name_zh: string;
  province_code: string;
  capacity: number;
  status: string;
  created_at: Timestamp;
  approved_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface AssessmentSiteLevelTable {
  site_id: string;
  certificate_id: string;
  level: number;
}

export interface AssessmentSiteStatusChangeTable extends StatusChangeTable {
  site_id: string;
}

export interface AssessmentPrerequisiteTable {
  certificate_id: string;
  level: number;
  rules: Json<unknown>;
  updated_at: Timestamp;
}

export interface AssessmentSessionTable {
  id: string;
  certificate_id: string;
  level: number;
  standard_id: string;
  site_id: string;
  exam_date: string;
  theory_mode: string;
  practical_mode: string;
  registration_opens_at: Timestamp;
  registration_closes_at: Timestamp;
  capacity: number;
  results_status: string;
  results_published_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AssessmentRegistrationTable {
  id: string;
  session_id: string;
  learner_id: string;
  certificate_id: string;
  level: number;
  exam_date: string;
  training_hours: number | null;
  registered_at: Timestamp;
}

export interface AssessmentResultTable {
  id: string;
  registration_id: string;
  session_id: string;
  learner_id: string;
  status: string;
  theory: number | null;
  practical: number | null;
  total: number | null;
  passed: boolean;
  reasons: Json<unknown>;
  revision: number;
  updated_at: Timestamp;
}

export interface AssessmentResultRevisionTable {
  id: Generated<number>;
  result_id: string;
  revision: number;
  status: string;
  theory: number | null;
  practical: number | null;
  total: number | null;
  passed: boolean;
  reason: string;
  actor: string;
  at: Timestamp;
}

export interface IssuerKeyTable {
  did: string;
  key_id: string;
  org_kind: string;
  org_code: string;
  public_key: Uint8Array;
  seed_cipher: Uint8Array;
  status: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface StatusListTable {
  id: string;
  issuer_did: string;
  purpose: string;
  url: string;
  length: number;
  bits: Uint8Array;
  allocated: Uint8Array;
  used: number;
  signed_credential: Json<unknown> | null;
  dirty: boolean;
  updated_at: Timestamp;
}

export interface StatusListEntryTable {
  list_id: string;
  idx: number;
  credential_id: string;
}

export interface CertificateSerialTable {
  prefix: string;
  next_serial: number;
}

export interface CredentialTable {
  id: string;
  issuer_did: string;
  learner_id: string | null;
  certificate_code: string | null;
  level: number | null;
  certificate_number: string | null;
  /** What the credential was issued for (e.g. `result:<id>`), unique: exactly-once issuance. */
  source_key: string | null;
  document: Json<unknown>;
  digest: Uint8Array;
  status: string;
  revocation_list_id: string | null;
  revocation_index: number | null;
  suspension_list_id: string | null;
  suspension_index: number | null;
  issued_at: Timestamp;
}

export interface CredentialStatusChangeTable {
  id: Generated<number>;
  credential_id: string;
  from_status: string;
  to_status: string;
  reason: string;
  at: Timestamp;
}

export interface LedgerLogTable {
  id: number;
  origin: string | null;
  size: Generated<number>;
  border: Generated<Uint8Array>;
  public_key: Uint8Array | null;
  seed_cipher: Uint8Array | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface LedgerBundleTable {
  log_id: number;
  idx: number;
  count: number;
  entries: Uint8Array;
}

export interface LedgerTileTable {
  log_id: number;
  level: number;
  idx: number;
  hashes: Uint8Array;
}

export interface LedgerBatchTable {
  log_id: number;
  first_idx: number;
  count: number;
  at: Timestamp;
  keys: Uint8Array;
}

export interface LedgerCheckpointTable {
  log_id: number;
  size: number;
  root: Uint8Array;
  note: string;
  created_at: Timestamp;
}

export interface LedgerWitnessTable {
  log_id: number;
  name: string;
  vkey: string;
  added_at: Timestamp;
}

export interface LedgerCosignatureTable {
  log_id: number;
  size: number;
  witness: string;
  line: string;
  created_at: Timestamp;
}

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: boolean;
  image: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  role: string;
  org_kind: string | null;
  org_id: string | null;
  learner_id: string | null;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  prefix: string;
  hash: Uint8Array;
  role: string;
  org_kind: string;
  org_id: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string;
  actor_via: string;
  role: string | null;
  org_kind: string | null;
  org_id: string | null;
  action: string;
  target: string;
  status_code: number;
  request_id: string;
}

export interface CreditAccountTable {
  id: string;
  learner_id: string;
  account_no: string;
  opened_at: Timestamp;
}

export interface CreditOutcomeTable {
  id: string;
  account_id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  status: string;
  certificate_code: string | null;
  level: number | null;
  credential_id: string | null;
  document: Json<unknown> | null;
  issuer_did: string | null;
  verification: Json<unknown> | null;
  credits: number;
  institution_id: string | null;
  achieved_on: string;
  source_key: string;
  recognised_at: Timestamp;
  outcome_code: string | null;
  evidence: Json<unknown>;
  submitted_by: string | null;
  review: Json<unknown> | null;
}

export interface CreditRuleTable {
  id: string;
  institution_id: string;
  outcome_kind: Generated<string>;
  certificate_code: string | null;
  level: number | null;
  outcome_code: string | null;
  version: number;
  credits: number;
  exempt_course_ids: string[];
  effective_from: string;
  effective_to: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface CreditTransactionTable {
  seq: Generated<number>;
  id: string;
  account_id: string;
  outcome_id: string;
  kind: string;
  institution_id: string | null;
  rule_id: string | null;
  rule_version: number | null;
  course_id: string | null;
  credits: number;
  reverses_id: string | null;
  explanation_zh: string;
  explanation_en: string;
  at: Timestamp;
}

export interface EmployerTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  uscc: string;
  province_code: string | null;
  industry_code: string | null;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
}

export interface ConsentGrantTable {
  id: string;
  learner_id: string;
  employer_id: string;
  scope: string;
  credential_ids: string[];
  purpose: string;
  reveal_identity: boolean;
  granted_by: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface DB {
  meta: MetaTable;
  reference_province: ReferenceProvinceTable;
  reference_major: ReferenceMajorTable;
  reference_occupation: ReferenceOccupationTable;
  teo: TeoTable;
  teo_status_change: TeoStatusChangeTable;
  certificate: CertificateTable;
  certificate_status_change: CertificateStatusChangeTable;
  certificate_level: CertificateLevelTable;
  skill_standard: SkillStandardTable;
  skill_node: SkillNodeTable;
  institution: InstitutionTable;
  programme: ProgrammeTable;
  course: CourseTable;
  curriculum_mapping: CurriculumMappingTable;
  learner: LearnerTable;
  pilot_authorization: PilotAuthorizationTable;
  assessment_site: AssessmentSiteTable;
  assessment_site_level: AssessmentSiteLevelTable;
  assessment_site_status_change: AssessmentSiteStatusChangeTable;
  assessment_prerequisite: AssessmentPrerequisiteTable;
  assessment_session: AssessmentSessionTable;
  assessment_registration: AssessmentRegistrationTable;
  assessment_result: AssessmentResultTable;
  assessment_result_revision: AssessmentResultRevisionTable;
  issuer_key: IssuerKeyTable;
  status_list: StatusListTable;
  status_list_entry: StatusListEntryTable;
  credential: CredentialTable;
  certificate_serial: CertificateSerialTable;
  credential_status_change: CredentialStatusChangeTable;
  credit_account: CreditAccountTable;
  credit_outcome: CreditOutcomeTable;
  credit_rule: CreditRuleTable;
  credit_transaction: CreditTransactionTable;
  ledger_log: LedgerLogTable;
  ledger_bundle: LedgerBundleTable;
  ledger_tile: LedgerTileTable;
  ledger_batch: LedgerBatchTable;
  ledger_checkpoint: LedgerCheckpointTable;
  ledger_witness: LedgerWitnessTable;
  ledger_cosignature: LedgerCosignatureTable;
  auth_user: AuthUserTable;
  api_key: ApiKeyTable;
  audit_log: AuditLogTable;
  employer: EmployerTable;
  consent_grant: ConsentGrantTable;
}
