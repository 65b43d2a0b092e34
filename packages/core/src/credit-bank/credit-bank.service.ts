import type { CatalogService, LevelCode } from '../catalog/index.ts';
import type {
  CredentialRecord,
  CredentialsService,
  JsonObject,
  VerificationResult,
  Verifier,
} from '../credentials/index.ts';
import type { Institution, ProgramsService } from '../programs/index.ts';
import { type Clock, DomainError, type IdGenerator, invalid, notFound, type Text } from '../shared/index.ts';
import { composeClrCredential } from './clr.ts';
import { creditBankError } from './credit-bank.errors.ts';
import type {
  ApplyReport,
  ConversionRule,
  CreditAccount,
  CreditAccountView,
  CreditTransaction,
  DeclaredOutcomeKind,
  LearningOutcome,
  OutcomeReview,
  OutcomeStatus,
  RecordedVerification,
  RuleOutcomeKind,
} from './credit-bank.model.ts';
import { declaredOutcomeKinds, ruleOutcomeKinds } from './credit-bank.model.ts';
import type { CreditBankStore } from './credit-bank.ports.ts';
import {
  balanceOf,
  type CourseInfo,
  chinaDay,
  convertedAt,
  exemptedAt,
  isCalendarDay,
  isOutcomeCode,
  type PlannedTransaction,
  planConversion,
  planWithdrawal,
  type RuleKey,
  rangesOverlap,
  ruleInForce,
  ruleKeyOf,
  ruleKeyText,
  ruleMatches,
  standing,
  tenths,
} from './credit-bank.rules.ts';

export interface CreditBankDeps {
  store: CreditBankStore;
  programs: ProgramsService;
  catalog: CatalogService;
  credentials: CredentialsService;
  clock: Clock;
  ids: IdGenerator;
}

/** A new version of an institution's conversion rule. */
export interface NewConversionRule {
  /** Institution id or code. */
  institution: string;
  /** What the rule converts (default X_CERT): X certificates, or declared outcomes of a kind. */
  outcomeKind?: RuleOutcomeKind | undefined;
  /** X_CERT: the certificate code and level. */
  certificateCode?: string | undefined;
  level?: number | undefined;
  /** Declared kinds: the code outcomes are declared with (e.g. a competition's award code). */
  outcomeCode?: string | undefined;
  credits: number;
  /** Course ids (or codes, when unique in the institution) exempted, in the order credits go to them. */
  exemptCourses?: string[] | undefined;
  /** `YYYY-MM-DD`, inclusive. */
  effectiveFrom: string;
  /** `YYYY-MM-DD`, exclusive; absent or null: open-ended. */
  effectiveTo?: string | null | undefined;
  note?: string | undefined;
}

/**
 * An outcome declared with evidence (a course passed elsewhere, a diploma, an award, work
 * experience): it waits for a reviewer of `institution` before anything is deposited.
 */
export interface NewDeclaredOutcome {
  kind: DeclaredOutcomeKind;
  titleZh: string;
  titleEn: string;
  /** The institution that reviews and recognises it (id or code). */
  institution: string;
  /** The code conversion rules match (`outcomeCode` of a rule of the same kind). */
  code: string;
  /** Credits it carries by itself (a course's credits), deposited once approved; default 0. */
  credits?: number | undefined;
  /** `YYYY-MM-DD`. */
  achievedOn: string;
  /** The declarer's reference (e.g. a transcript line): one outcome per reference. */
  reference: string;
  /** At least one item: what a reviewer checks. */
  evidence: { description: string; uri?: string | undefined; sha256?: string | undefined }[];
}

/** Who reviews a declared outcome. */
export interface Reviewer {
  /** Account, API key or `admin-token`. */
  actorId: string;
  /** The reviewer's institution; `null` for the regulator (who may review any). */
  institutionId: string | null;
}

/** What the credit bank asks of a verifier (the instance verifier, or the core one over any sources). */
export type CreditBankVerifier = Pick<Verifier, 'verifyCredential'>;

/** Checks a credential from anywhere must pass to be recognised; trust checks only tell its kind. */
const REQUIRED_PASSED = ['shape', 'proof', 'issuerKey', 'validity'] as const;
const MUST_NOT_FAIL = ['status', 'logged'] as const;

interface PendingRecognition {
  outcome: LearningOutcome;
}

/**
 * The credit bank (学分银行): a lifelong account per learner, learning outcomes recognised (认定),
 * accumulated (积累) and converted (转换) under institutions' versioned conversion rules, into an
 * append-only ledger of transactions that explain themselves; and the learner's record as a signed
 * CLR 2.0 ClrCredential.
 */
export class CreditBankService {
  constructor(private readonly deps: CreditBankDeps) {}

  // ---- accounts --------------------------------------------------------------------------------

  /** The learner's account, opened on first use (the learner's, whatever institution they attend). */
  async openAccount(learnerId: string): Promise<CreditAccount> {
    await this.deps.programs.getLearner(learnerId);
    return this.deps.store.transaction((tx) => this.ensureAccount(tx, learnerId));
  }

  /** The account with its outcomes, ledger, balance and standing exemptions. */
  async getAccount(learnerId: string): Promise<CreditAccountView> {
    const account = await this.openAccount(learnerId);
    const [outcomes, transactions] = await Promise.all([
      this.deps.store.listOutcomes(account.id),
      this.deps.store.listTransactions(account.id),
    ]);
    return {
      account,
      learnerId,
      balance: balanceOf(transactions),
      outcomes,
      transactions,
      exemptions: standing(transactions)
        .filter((t) => t.kind === 'EXEMPT' && t.institutionId !== null && t.courseId !== null)
        .map((t) => ({
          institutionId: t.institutionId!,
          courseId: t.courseId!,
          outcomeId: t.outcomeId,
          transactionId: t.id,
        })),
    };
  }

  // ---- rules -----------------------------------------------------------------------------------

  async listRules(
    filter: {
      institution?: string | undefined;
      outcomeKind?: RuleOutcomeKind | undefined;
      certificateCode?: string | undefined;
    } = {},
  ): Promise<ConversionRule[]> {
    const institutionId = filter.institution
      ? (await this.deps.programs.getInstitution(filter.institution)).id
      : undefined;
    return this.deps.store.listRules({
      institutionId,
      outcomeKind: filter.outcomeKind,
      certificateCode: filter.certificateCode,
    });
  }

  /**
   * Adds a version of an institution's rule for a certificate level (X_CERT) or for declared
   * outcomes of a kind and code. Refused, writing nothing, when the certificate level is not in the
   * catalog (`CREDIT_BANK_UNKNOWN_CERTIFICATE`), a course is not the institution's
   * (`CREDIT_BANK_UNKNOWN_COURSE`), or its dates overlap another version (`CREDIT_BANK_RULE_OVERLAP`).
   */
  async defineRule(input: NewConversionRule): Promise<ConversionRule> {
    const issues: { path: string; message: string }[] = [];
    const outcomeKind = input.outcomeKind ?? 'X_CERT';
    if (!(ruleOutcomeKinds as readonly string[]).includes(outcomeKind))
      issues.push({ path: 'outcomeKind', message: `must be one of ${ruleOutcomeKinds.join(', ')}` });
    if (outcomeKind === 'X_CERT') {
      if (!input.certificateCode)
        issues.push({ path: 'certificateCode', message: 'an X_CERT rule names a certificate' });
      if (input.level === undefined) issues.push({ path: 'level', message: 'an X_CERT rule names a level' });
      if (input.outcomeCode !== undefined)
        issues.push({ path: 'outcomeCode', message: 'an X_CERT rule matches by certificate and level' });
    } else {
      if (input.outcomeCode === undefined || !isOutcomeCode(input.outcomeCode))
        issues.push({
          path: 'outcomeCode',
          message: `a ${outcomeKind} rule names the code outcomes are declared with (letters, digits, . _ : / -)`,
        });
      if (input.certificateCode !== undefined)
        issues.push({ path: 'certificateCode', message: `a ${outcomeKind} rule matches by outcomeCode` });
      if (input.level !== undefined)
        issues.push({ path: 'level', message: `a ${outcomeKind} rule matches by outcomeCode` });
    }
    if (!isCalendarDay(input.effectiveFrom))
      issues.push({ path: 'effectiveFrom', message: 'must be a date YYYY-MM-DD' });
    const effectiveTo = input.effectiveTo ?? null;
    if (effectiveTo !== null && !isCalendarDay(effectiveTo))
      issues.push({ path: 'effectiveTo', message: 'must be a date YYYY-MM-DD' });
    if (effectiveTo !== null && isCalendarDay(effectiveTo) && effectiveTo <= input.effectiveFrom)
      issues.push({ path: 'effectiveTo', message: 'must be after effectiveFrom' });
    if (
      !Number.isFinite(input.credits) ||
      input.credits < 0 ||
      input.credits > 200 ||
      tenths(input.credits) !== input.credits * 10
    )
      issues.push({ path: 'credits', message: 'must be 0 to 200, in steps of 0.1' });
    const exempt = input.exemptCourses ?? [];
    if (input.credits === 0 && exempt.length === 0)
      issues.push({ path: 'credits', message: 'a rule must grant credits or exempt courses' });
    if (new Set(exempt).size !== exempt.length)
      issues.push({ path: 'exemptCourses', message: 'a course is listed twice' });
    if (issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          zh: `转换规则无效：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
          en: `Invalid conversion rule: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        },
        { issues },
      );
    }
    const institution = await this.deps.programs.getInstitution(input.institution);
    const key: RuleKey =
      outcomeKind === 'X_CERT'
        ? {
            outcomeKind,
            certificateCode: input.certificateCode!,
            level: await this.checkCertificateLevel(input.certificateCode!, input.level!),
          }
        : { outcomeKind, outcomeCode: input.outcomeCode! };
    const courses = await this.coursesOf(institution);
    const exemptCourseIds = exempt.map((ref, i) => {
      const byId = courses.get(ref);
      const byCode = [...courses.values()].filter((c) => c.code === ref);
      const found = byId ?? (byCode.length === 1 ? byCode[0] : undefined);
      if (!found) {
        throw creditBankError(
          'CREDIT_BANK_UNKNOWN_COURSE',
          {
            zh: `课程 ${ref} 不是院校 ${institution.nameZh}（${institution.code}）的课程${byCode.length > 1 ? '（课程代码不唯一，请用课程 id）' : ''}`,
            en: `${ref} is not a course of ${institution.nameEn} (${institution.code})${byCode.length > 1 ? ' (the code is not unique: use the course id)' : ''}`,
          },
          { issues: [{ path: `exemptCourses.${i}`, message: `unknown course ${ref}` }], course: ref },
        );
      }
      return found.id;
    });
    // Issuing learner records later needs the institution's key; making it now puts the
    // institution on the trust list before any record of it is verified.
    await this.deps.credentials.ensureIssuer('INSTITUTION', institution.code);
    return this.deps.store.transaction(async (tx) => {
      const versions = (
        await tx.listRules({
          institutionId: institution.id,
          outcomeKind: key.outcomeKind,
          ...(key.outcomeKind === 'X_CERT'
            ? { certificateCode: key.certificateCode, level: key.level }
            : { outcomeCode: key.outcomeCode }),
        })
      ).filter((r) => ruleMatches(r, key));
      const candidate = { effectiveFrom: input.effectiveFrom, effectiveTo };
      const clash = versions.find((v) => rangesOverlap(v, candidate));
      if (clash) {
        const range = (r: { effectiveFrom: string; effectiveTo: string | null }) =>
          `[${r.effectiveFrom}, ${r.effectiveTo ?? '∞'})`;
        const what = ruleKeyText(key);
        throw creditBankError(
          'CREDIT_BANK_RULE_OVERLAP',
          {
            zh: `生效期 ${range(candidate)} 与 ${institution.code} 对 ${what.zh} 的规则第 ${clash.version} 版（${range(clash)}）重叠`,
            en: `The effective dates ${range(candidate)} overlap version ${clash.version} ${range(clash)} of ${institution.code}'s rule for ${what.en}`,
          },
          {
            issues: [
              { path: 'effectiveFrom', message: `overlaps rule ${clash.id} version ${clash.version}` },
            ],
            ruleId: clash.id,
          },
        );
      }
      const rule: ConversionRule = {
        id: this.deps.ids.next('cvr'),
        institutionId: institution.id,
        institutionCode: institution.code,
        outcomeKind: key.outcomeKind,
        certificateCode: key.outcomeKind === 'X_CERT' ? key.certificateCode : null,
        level: key.outcomeKind === 'X_CERT' ? key.level : null,
        outcomeCode: key.outcomeKind === 'X_CERT' ? null : key.outcomeCode,
        version: versions.reduce((max, v) => Math.max(max, v.version), 0) + 1,
        credits: input.credits,
        exemptCourseIds,
        effectiveFrom: input.effectiveFrom,
        effectiveTo,
        note: input.note?.trim() || null,
        createdAt: this.deps.clock.now(),
      };
      await tx.insertRule(rule);
      return rule;
    });
  }

  // ---- recognition -----------------------------------------------------------------------------

  /**
   * Recognises one credential into the learner's account after verifying it: an X certificate issued
   * here to this learner (`credentialId`), or a signed OB 3.0 credential from any issuer
   * (`credential`). Shape, proof, issuer key and validity must pass, and status and log must not
   * fail; the issuer and what every check found are recorded. A credential whose issuer is an
   * accredited TEO and whose achievement is a catalog level is an X certificate (rules convert it);
   * any other is an `OB_CREDENTIAL` (accumulated, not converted).
   */
  async recognizeCredential(
    learnerId: string,
    input: { credentialId: string } | { credential: JsonObject },
    verifier: CreditBankVerifier,
  ): Promise<LearningOutcome> {
    await this.deps.programs.getLearner(learnerId);
    let pending: PendingRecognition;
    if ('credentialId' in input) {
      const record = await this.deps.credentials.getCredential(input.credentialId);
      if (record.learnerId !== learnerId) {
        throw creditBankError(
          'CREDIT_BANK_NOT_LEARNERS_CREDENTIAL',
          {
            zh: `凭证 ${record.id} 不是签发给学习者 ${learnerId} 的`,
            en: `The credential ${record.id} was not issued to learner ${learnerId}`,
          },
          { credentialId: record.id },
        );
      }
      pending = await this.verifyLocal(record, verifier);
    } else {
      pending = await this.verifyForeign(input.credential, verifier);
    }
    return this.deps.store.transaction(async (tx) => {
      const account = await this.ensureAccount(tx, learnerId);
      await tx.lockAccount(account.id);
      const outcomes = await tx.listOutcomes(account.id);
      this.refuseDuplicate(outcomes, pending.outcome.sourceKey);
      const outcome = { ...pending.outcome, accountId: account.id };
      await tx.insertOutcome(outcome);
      await tx.appendTransactions([this.deposit(account.id, outcome)]);
      return outcome;
    });
  }

  /**
   * Submits an outcome declared with evidence (no credential to verify): a course passed
   * elsewhere, a diploma, a competition award, work experience. It waits as `PENDING`, with nothing
   * deposited, until a reviewer of its institution approves it (`reviewOutcome`); it is never
   * recognised on the submitter's word alone.
   */
  async recordOutcome(
    learnerId: string,
    input: NewDeclaredOutcome,
    submittedBy: string,
  ): Promise<LearningOutcome> {
    await this.deps.programs.getLearner(learnerId);
    const issues: { path: string; message: string }[] = [];
    if (!(declaredOutcomeKinds as readonly string[]).includes(input.kind))
      issues.push({ path: 'kind', message: `must be one of ${declaredOutcomeKinds.join(', ')}` });
    if (!isCalendarDay(input.achievedOn))
      issues.push({ path: 'achievedOn', message: 'must be a date YYYY-MM-DD' });
    if (!isOutcomeCode(input.code))
      issues.push({
        path: 'code',
        message: 'letters, digits and . _ : / - (up to 60), starting with a letter or digit',
      });
    const credits = input.credits ?? 0;
    if (!Number.isFinite(credits) || credits < 0 || credits > 200 || tenths(credits) !== credits * 10)
      issues.push({ path: 'credits', message: 'must be 0 to 200, in steps of 0.1' });
    if (!input.titleZh.trim()) issues.push({ path: 'titleZh', message: 'must not be empty' });
    if (!input.titleEn.trim()) issues.push({ path: 'titleEn', message: 'must not be empty' });
    if (!input.reference.trim()) issues.push({ path: 'reference', message: 'must not be empty' });
    if (input.evidence.length === 0)
      issues.push({ path: 'evidence', message: 'a declared outcome needs at least one piece of evidence' });
    input.evidence.forEach((e, i) => {
      if (!e.description.trim())
        issues.push({ path: `evidence.${i}.description`, message: 'must say what the evidence is' });
      if (e.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(e.sha256))
        issues.push({ path: `evidence.${i}.sha256`, message: 'must be 64 lowercase hex digits' });
    });
    if (issues.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          zh: `学习成果申报无效：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
          en: `Invalid declared outcome: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        },
        { issues },
      );
    }
    const institution = await this.deps.programs.getInstitution(input.institution);
    return this.deps.store.transaction(async (tx) => {
      const account = await this.ensureAccount(tx, learnerId);
      await tx.lockAccount(account.id);
      const sourceKey = `${input.kind.toLowerCase()}:${institution.code}:${input.reference.trim()}`;
      this.refuseDuplicate(await tx.listOutcomes(account.id), sourceKey);
      const outcome: LearningOutcome = {
        id: this.deps.ids.next('lo'),
        accountId: account.id,
        kind: input.kind,
        title: { zh: input.titleZh.trim(), en: input.titleEn.trim() },
        status: 'PENDING',
        certificateCode: null,
        level: null,
        outcomeCode: input.code,
        credentialId: null,
        document: null,
        issuerDid: null,
        verification: null,
        credits: tenths(credits) / 10,
        institutionId: institution.id,
        achievedOn: input.achievedOn,
        sourceKey,
        recognisedAt: this.deps.clock.now(),
        evidence: input.evidence.map((e) => ({
          description: e.description.trim(),
          uri: e.uri?.trim() || null,
          sha256: e.sha256 ?? null,
        })),
        submittedBy,
        review: null,
      };
      await tx.insertOutcome(outcome);
      return outcome;
    });
  }

  /**
   * The review of a pending declared outcome by someone of its institution (or the regulator) other
   * than its submitter. Approval recognises it (`ACCUMULATED`, its own credits deposited, the review
   * named in the explanation), so rules can then convert it; rejection (`REJECTED`, a note required)
   * deposits nothing. Refused, writing nothing: not pending (`CREDIT_BANK_WRONG_STATE`), the
   * submitter (`CREDIT_BANK_SELF_REVIEW`), another institution (`CREDIT_BANK_NOT_REVIEWER`).
   */
  async reviewOutcome(
    learnerId: string,
    outcomeId: string,
    input: { decision: 'APPROVE' | 'REJECT'; note?: string | undefined; reviewer: Reviewer },
  ): Promise<{ outcome: LearningOutcome; transactions: CreditTransaction[] }> {
    const note = input.note?.trim() ?? '';
    if (input.decision !== 'APPROVE' && input.decision !== 'REJECT')
      throw invalid('decision', {
        zh: '审核结论应为 APPROVE 或 REJECT',
        en: 'decision must be APPROVE or REJECT',
      });
    if (input.decision === 'REJECT' && !note)
      throw invalid('note', { zh: '驳回须说明理由', en: 'A rejection needs a note saying why' });
    const account = await this.openAccount(learnerId);
    const found = (await this.deps.store.listOutcomes(account.id)).find((o) => o.id === outcomeId);
    if (!found) throw notFound('学习成果 learning outcome', outcomeId);
    const institution = found.institutionId
      ? await this.deps.programs.getInstitution(found.institutionId)
      : undefined;
    return this.deps.store.transaction(async (tx) => {
      await tx.lockAccount(account.id);
      const outcome = (await tx.listOutcomes(account.id)).find((o) => o.id === outcomeId)!;
      if (outcome.status !== 'PENDING') {
        throw creditBankError(
          'CREDIT_BANK_WRONG_STATE',
          {
            zh: `学习成果 ${outcomeId} 的状态为 ${outcome.status}，不是待审核（PENDING）`,
            en: `The learning outcome ${outcomeId} is ${outcome.status}, not PENDING review`,
          },
          { outcomeId, status: outcome.status },
        );
      }
      if (outcome.submittedBy !== null && outcome.submittedBy === input.reviewer.actorId) {
        throw creditBankError(
          'CREDIT_BANK_SELF_REVIEW',
          {
            zh: `学习成果 ${outcomeId} 须由提交者以外的人审核`,
            en: `The learning outcome ${outcomeId} must be reviewed by someone other than who submitted it`,
          },
          { outcomeId },
        );
      }
      if (input.reviewer.institutionId !== null && input.reviewer.institutionId !== outcome.institutionId) {
        throw creditBankError(
          'CREDIT_BANK_NOT_REVIEWER',
          {
            zh: `学习成果 ${outcomeId} 由 ${institution?.nameZh ?? outcome.institutionId} 审核`,
            en: `The learning outcome ${outcomeId} is reviewed by ${institution?.nameEn ?? outcome.institutionId}`,
          },
          { outcomeId, institutionId: outcome.institutionId },
        );
      }
      const review: OutcomeReview = {
        decision: input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
        reviewerId: input.reviewer.actorId,
        note,
        at: this.deps.clock.now().toISOString(),
      };
      const reviewed: LearningOutcome = {
        ...outcome,
        status: input.decision === 'APPROVE' ? 'ACCUMULATED' : 'REJECTED',
        review,
      };
      await tx.setOutcomeReview(outcome.id, reviewed.status, review);
      const transactions =
        input.decision === 'APPROVE' ? [this.deposit(account.id, reviewed, institution)] : [];
      await tx.appendTransactions(transactions);
      return { outcome: reviewed, transactions };
    });
  }

  /**
   * The outcomes declared at an institution, oldest first (default: those `PENDING` review): the
   * reviewers' queue, each with its learner.
   */
  async listInstitutionOutcomes(
    institutionIdOrCode: string,
    options: { status?: OutcomeStatus | undefined; limit?: number | undefined } = {},
  ): Promise<(LearningOutcome & { learnerId: string })[]> {
    const institution = await this.deps.programs.getInstitution(institutionIdOrCode);
    return this.deps.store.listInstitutionOutcomes({
      institutionId: institution.id,
      status: options.status ?? 'PENDING',
      limit: Math.min(Math.max(options.limit ?? 200, 1), 1000),
    });
  }

  /** Withdraws an outcome (e.g. an annulled award): every standing transaction of it is reversed. */
  async withdrawOutcome(learnerId: string, outcomeId: string, reason: Text): Promise<CreditTransaction[]> {
    if (!reason.zh.trim() || !reason.en.trim())
      throw invalid('reason', { zh: '必须说明原因', en: 'A reason is required' });
    const account = await this.openAccount(learnerId);
    return this.deps.store.transaction(async (tx) => {
      await tx.lockAccount(account.id);
      const outcome = (await tx.listOutcomes(account.id)).find((o) => o.id === outcomeId);
      if (!outcome) throw notFound('学习成果 learning outcome', outcomeId);
      if (outcome.status === 'WITHDRAWN') {
        throw creditBankError(
          'CREDIT_BANK_ALREADY_WITHDRAWN',
          {
            zh: `学习成果 ${outcomeId} 已撤回`,
            en: `The learning outcome ${outcomeId} is already withdrawn`,
          },
          { outcomeId },
        );
      }
      if (outcome.status === 'REJECTED') {
        throw creditBankError(
          'CREDIT_BANK_WRONG_STATE',
          {
            zh: `学习成果 ${outcomeId} 已被驳回，没有可撤回的学分`,
            en: `The learning outcome ${outcomeId} was rejected: it has no credits to withdraw`,
          },
          { outcomeId, status: outcome.status },
        );
      }
      return this.withdrawIn(tx, account.id, outcome, reason);
    });
  }

  // ---- conversion ------------------------------------------------------------------------------

  /**
   * Brings the account up to date and converts it at an institution (default: the learner's own):
   * withdraws outcomes whose certificate was revoked (reversing transactions), recognises the
   * learner's newly issued X certificates (each verified first), then converts every standing X
   * certificate outcome not yet converted there under the rule version in force on the day it was
   * achieved, and every recognised declared outcome (approved by a reviewer) under the rule for its
   * kind and code. Idempotent: a second run with nothing new writes nothing.
   */
  async apply(
    learnerId: string,
    options: { institution?: string | undefined; verifier: CreditBankVerifier },
  ): Promise<ApplyReport> {
    const learner = await this.deps.programs.getLearner(learnerId);
    const institutionRef = options.institution ?? learner.institutionId;
    if (!institutionRef) {
      throw creditBankError('CREDIT_BANK_NO_INSTITUTION', {
        zh: `学习者 ${learnerId} 不属于任何院校：请指定转换学分的院校`,
        en: `Learner ${learnerId} belongs to no institution: name the institution that converts the credits`,
      });
    }
    const institution = await this.deps.programs.getInstitution(institutionRef);
    const account = await this.openAccount(learnerId);
    const skipped: ApplyReport['skipped'] = [];

    // Everything that reads through other stores happens before the transaction (PGlite has one
    // connection: a read outside the transaction would wait for it).
    const known = await this.deps.store.listOutcomes(account.id);
    const revoked: { outcome: LearningOutcome; reason: Text }[] = [];
    for (const outcome of known) {
      if (outcome.status === 'WITHDRAWN' || outcome.document === null) continue;
      const found = await this.revocationOf(outcome, options.verifier);
      if (found) revoked.push({ outcome, reason: found });
    }
    const knownKeys = new Set(known.map((o) => o.sourceKey));
    const fresh: LearningOutcome[] = [];
    for (const record of await this.deps.credentials.listForLearner(learnerId)) {
      if (record.status !== 'ACTIVE' || record.certificateCode === null) continue;
      if (knownKeys.has(`credential:${record.id}`)) continue;
      try {
        fresh.push((await this.verifyLocal(record, options.verifier)).outcome);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        skipped.push({ outcomeId: `credential:${record.id}`, reason: e.text });
      }
    }
    const courses = await this.coursesOf(institution);
    const rules = await this.deps.store.listRules({ institutionId: institution.id });

    return this.deps.store.transaction(async (tx) => {
      await tx.lockAccount(account.id);
      const withdrawn: CreditTransaction[] = [];
      const outcomes = await tx.listOutcomes(account.id);
      for (const { outcome, reason } of revoked) {
        const current = outcomes.find((o) => o.id === outcome.id);
        if (!current || current.status === 'WITHDRAWN') continue;
        withdrawn.push(...(await this.withdrawIn(tx, account.id, current, reason)));
        current.status = 'WITHDRAWN';
      }
      const recognised: LearningOutcome[] = [];
      for (const candidate of fresh) {
        if (outcomes.some((o) => o.sourceKey === candidate.sourceKey)) continue;
        const outcome = { ...candidate, accountId: account.id };
        await tx.insertOutcome(outcome);
        await tx.appendTransactions([this.deposit(account.id, outcome)]);
        outcomes.push(outcome);
        recognised.push(outcome);
      }

      const ledger = await tx.listTransactions(account.id);
      const exempted = new Map([...exemptedAt(ledger, institution.id)].map(([c, t]) => [c, t.outcomeId]));
      const written: CreditTransaction[] = [];
      const ordered = [...outcomes].sort(
        (a, b) => a.achievedOn.localeCompare(b.achievedOn) || a.id.localeCompare(b.id),
      );
      for (const outcome of ordered) {
        // Pending and rejected declarations are not recognised; OB credentials only accumulate.
        if (outcome.status === 'PENDING') {
          skipped.push({
            outcomeId: outcome.id,
            reason: {
              zh: `学习成果 ${outcome.id}「${outcome.title.zh}」待审核，审核通过后才能转换`,
              en: `The learning outcome ${outcome.id} "${outcome.title.en}" awaits review: it converts once approved`,
            },
          });
          continue;
        }
        if (outcome.status !== 'ACCUMULATED' && outcome.status !== 'CONVERTED') continue;
        const key = ruleKeyOf(outcome);
        if (!key) continue;
        if (convertedAt([...ledger, ...written], outcome.id, institution.id)) continue;
        const rule = ruleInForce(rules, institution.id, key, outcome.achievedOn);
        if (!rule) {
          const what = ruleKeyText(key);
          skipped.push({
            outcomeId: outcome.id,
            reason: {
              zh: `${institution.nameZh}没有在 ${outcome.achievedOn} 生效的 ${what.zh} 转换规则`,
              en: `${institution.nameEn} has no conversion rule for ${what.en} in force on ${outcome.achievedOn}`,
            },
          });
          continue;
        }
        const accumulated = standing([...ledger, ...written]).filter(
          (t) => t.outcomeId === outcome.id && t.kind === 'ACCUMULATE',
        );
        const plan = planConversion({ outcome, rule, courses, exempted, accumulated });
        for (const s of plan.skipped) skipped.push({ outcomeId: outcome.id, ...s });
        const lines = plan.lines.map((line) => this.stamp(account.id, line));
        for (const line of lines)
          if (line.kind === 'EXEMPT' && line.courseId) exempted.set(line.courseId, outcome.id);
        if (lines.length > 0) {
          await tx.appendTransactions(lines);
          written.push(...lines);
          if (outcome.status !== 'CONVERTED') {
            await tx.setOutcomeStatus(outcome.id, 'CONVERTED');
            outcome.status = 'CONVERTED';
          }
        }
      }
      const all = await tx.listTransactions(account.id);
      return {
        learnerId,
        institutionId: institution.id,
        recognised,
        withdrawn,
        transactions: written,
        skipped,
        balance: balanceOf(all),
      };
    });
  }

  // ---- CLR -------------------------------------------------------------------------------------

  /**
   * The learner's record as a CLR 2.0 ClrCredential signed by an institution (default: the
   * learner's own) with its did:web key: the learner's active X certificates and the recognised,
   * standing credentials from other issuers, each unchanged with its own proof.
   */
  async exportClr(
    learnerId: string,
    options: { institution?: string | undefined } = {},
  ): Promise<CredentialRecord> {
    const learner = await this.deps.programs.getLearner(learnerId);
    const ref = options.institution ?? learner.institutionId;
    if (!ref) {
      throw creditBankError('CREDIT_BANK_NO_INSTITUTION', {
        zh: `学习者 ${learnerId} 不属于任何院校：请指定签发记录的院校`,
        en: `Learner ${learnerId} belongs to no institution: name the institution that signs the record`,
      });
    }
    const institution = await this.deps.programs.getInstitution(ref);
    const view = await this.getAccount(learnerId);
    const documents: JsonObject[] = [];
    const ids = new Set<string>();
    for (const record of await this.deps.credentials.listForLearner(learnerId)) {
      if (record.status !== 'ACTIVE' || record.certificateCode === null) continue;
      documents.push(record.document);
      ids.add(record.id);
    }
    for (const outcome of view.outcomes) {
      if (outcome.status === 'WITHDRAWN' || outcome.document === null || outcome.credentialId !== null)
        continue;
      const id = outcome.document.id;
      if (typeof id === 'string' && ids.has(id)) continue;
      documents.push(outcome.document);
    }
    if (documents.length === 0) {
      throw creditBankError('CREDIT_BANK_CLR_EMPTY', {
        zh: `学习者 ${learnerId} 没有可放入综合学习记录的有效证书`,
        en: `Learner ${learnerId} has no standing credential to put in a learner record`,
      });
    }
    const did = await this.deps.credentials.ensureIssuer('INSTITUTION', institution.code);
    const unsigned = composeClrCredential({
      issuer: { id: did, nameZh: institution.nameZh, nameEn: institution.nameEn },
      learnerName: learner.nameZh,
      accountNo: view.account.accountNo,
      credentials: documents,
      balance: view.balance,
    });
    return this.deps.credentials.issue(unsigned);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async ensureAccount(tx: CreditBankStore, learnerId: string): Promise<CreditAccount> {
    const existing = await tx.findAccount(learnerId);
    if (existing) return existing;
    const now = this.deps.clock.now();
    const serial = (await tx.countAccounts()) + 1;
    const account: CreditAccount = {
      id: this.deps.ids.next('cba'),
      learnerId,
      accountNo: `CB-${now.getUTCFullYear()}-${String(serial).padStart(8, '0')}`,
      openedAt: now,
    };
    await tx.insertAccount(account);
    return account;
  }

  private refuseDuplicate(outcomes: LearningOutcome[], sourceKey: string): void {
    const same = outcomes.find((o) => o.sourceKey === sourceKey);
    if (same) {
      throw creditBankError(
        'CREDIT_BANK_ALREADY_RECOGNISED',
        {
          zh: `该学习成果已认定为 ${same.id}（${sourceKey}）`,
          en: `This learning outcome is already recognised as ${same.id} (${sourceKey})`,
        },
        { outcomeId: same.id },
      );
    }
  }

  /** Requires the certificate and level in the catalog; returns the level. */
  private async checkCertificateLevel(code: string, level: number): Promise<LevelCode> {
    const unknown = () =>
      creditBankError(
        'CREDIT_BANK_UNKNOWN_CERTIFICATE',
        {
          zh: `国家目录中没有证书 ${code} 的第 ${level} 级`,
          en: `The national catalog has no certificate ${code} at level ${level}`,
        },
        { issues: [{ path: 'certificateCode', message: `unknown certificate level ${code}/${level}` }] },
      );
    let certificate: Awaited<ReturnType<CatalogService['getCertificate']>>;
    try {
      certificate = await this.deps.catalog.getCertificate(code);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw unknown();
      throw e;
    }
    const found = certificate.levels.find((l) => l.level === level);
    if (!found) throw unknown();
    return found.level;
  }

  private async coursesOf(institution: Institution): Promise<Map<string, CourseInfo>> {
    const map = new Map<string, CourseInfo>();
    for (const p of await this.deps.programs.listProgrammes(institution.id)) {
      for (const c of (await this.deps.programs.getProgramme(p.id)).courses) {
        map.set(c.id, { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, credits: c.credits });
      }
    }
    return map;
  }

  private async verifyLocal(
    record: CredentialRecord,
    verifier: CreditBankVerifier,
  ): Promise<PendingRecognition> {
    const result = await verifier.verifyCredential(record.document);
    // An X certificate of this instance must pass every check, trust checks included.
    if (!result.verified || record.certificateCode === null || record.level === null) {
      throw this.notVerified(result, record.id);
    }
    const level = record.level as LevelCode;
    let titleEn = `${record.certificateCode} level ${level}`;
    try {
      const certificate = await this.deps.catalog.getCertificate(record.certificateCode);
      titleEn = `${certificate.nameEn} (${certificate.levels.find((l) => l.level === level)?.nameEn ?? `level ${level}`})`;
    } catch {
      // The catalog name is a nicety: the code and level are what rules match.
    }
    return {
      outcome: {
        id: this.deps.ids.next('lo'),
        accountId: '',
        kind: 'X_CERT',
        title: { zh: stringOr(record.document.name, titleEn), en: titleEn },
        status: 'ACCUMULATED',
        certificateCode: record.certificateCode,
        level,
        credentialId: record.id,
        document: record.document,
        issuerDid: record.issuerDid,
        verification: this.recorded(result),
        credits: 0,
        institutionId: null,
        achievedOn: this.achievedOn(record.document),
        sourceKey: `credential:${record.id}`,
        recognisedAt: this.deps.clock.now(),
        outcomeCode: null,
        evidence: [],
        submittedBy: null,
        review: null,
      },
    };
  }

  private async verifyForeign(
    credential: JsonObject,
    verifier: CreditBankVerifier,
  ): Promise<PendingRecognition> {
    const result = await verifier.verifyCredential(credential);
    const byName = new Map(result.checks.map((c) => [c.name, c]));
    const ok =
      result.format === 'data-integrity' &&
      result.credential !== undefined &&
      REQUIRED_PASSED.every((n) => byName.get(n)?.status === 'passed') &&
      MUST_NOT_FAIL.every((n) => byName.get(n)?.status !== 'failed');
    const id = typeof credential.id === 'string' ? credential.id : undefined;
    if (!ok || id === undefined) throw this.notVerified(result, id ?? '(no id)');
    const catalog = byName.get('catalog');
    const isXCert =
      byName.get('issuerAccredited')?.status === 'passed' &&
      catalog?.status === 'passed' &&
      typeof catalog.details?.certificate === 'string';
    const issuer = credential.issuer;
    const issuerDid =
      typeof issuer === 'string'
        ? issuer
        : issuer && typeof issuer === 'object' && !Array.isArray(issuer) && typeof issuer.id === 'string'
          ? issuer.id
          : null;
    const name = stringOr(credential.name, id);
    return {
      outcome: {
        id: this.deps.ids.next('lo'),
        accountId: '',
        kind: isXCert ? 'X_CERT' : 'OB_CREDENTIAL',
        title: { zh: name, en: name },
        status: 'ACCUMULATED',
        certificateCode: isXCert ? (catalog!.details!.certificate as string) : null,
        level: isXCert ? (catalog!.details!.level as LevelCode) : null,
        credentialId: null,
        document: credential,
        issuerDid,
        verification: this.recorded(result),
        credits: 0,
        institutionId: null,
        achievedOn: this.achievedOn(credential),
        sourceKey: `credential:${id}`,
        recognisedAt: this.deps.clock.now(),
        outcomeCode: null,
        evidence: [],
        submittedBy: null,
        review: null,
      },
    };
  }

  private notVerified(result: VerificationResult, id: string): DomainError {
    const failed = result.checks.filter((c) => c.status === 'failed');
    const list = failed.map((c) => `${c.name}${c.code ? ` (${c.code})` : ''}`).join(', ') || 'proof';
    return creditBankError(
      'CREDIT_BANK_NOT_VERIFIED',
      {
        zh: `凭证 ${id} 未通过认定所需的验证：${failed.map((c) => c.message.zh).join('；') || list}`,
        en: `The credential ${id} did not pass the verification recognition requires: ${list}`,
      },
      {
        credentialId: id,
        checks: result.checks.map((c) => ({ name: c.name, status: c.status, code: c.code })),
      },
    );
  }

  private recorded(result: VerificationResult): RecordedVerification {
    return {
      verified: result.verified,
      checks: result.checks.map((c) => ({
        name: c.name,
        status: c.status,
        ...(c.code ? { code: c.code } : {}),
      })),
      at: this.deps.clock.now().toISOString(),
    };
  }

  private achievedOn(credential: JsonObject): string {
    const from = credential.validFrom ?? credential.issuanceDate;
    const at = typeof from === 'string' ? new Date(from) : undefined;
    return chinaDay(at && !Number.isNaN(at.getTime()) ? at : this.deps.clock.now());
  }

  /** The revocation of a credential outcome, as its status check now reports it. */
  private async revocationOf(
    outcome: LearningOutcome,
    verifier: CreditBankVerifier,
  ): Promise<Text | undefined> {
    const result = await verifier.verifyCredential(outcome.document, { checks: ['status'] });
    const status = result.checks.find((c) => c.name === 'status');
    if (status?.status !== 'failed' || status.code !== 'STATUS_REVOKED') return undefined;
    return {
      zh: `签发者已撤销该证书（状态列表：${status.message.zh}）`,
      en: `its issuer revoked the certificate (status list: ${status.message.en})`,
    };
  }

  private deposit(accountId: string, outcome: LearningOutcome, institution?: Institution): CreditTransaction {
    const checks = outcome.verification?.checks.map((c) => `${c.name} ${c.status}`).join(', ');
    const review = outcome.review;
    const how =
      outcome.verification !== null
        ? {
            zh: `，签发者 ${outcome.issuerDid}，验证通过（${checks}）`,
            en: `, issuer ${outcome.issuerDid}, verified (${checks})`,
          }
        : review !== null
          ? {
              zh: `，代码 ${outcome.outcomeCode}，证明材料 ${outcome.evidence.length} 份，经 ${institution?.nameZh ?? outcome.institutionId} 审核人 ${review.reviewerId} 于 ${review.at.slice(0, 10)} 审核通过${review.note ? `：${review.note}` : ''}`,
              en: `, code ${outcome.outcomeCode}, ${outcome.evidence.length} piece(s) of evidence, approved by reviewer ${review.reviewerId} of ${institution?.nameEn ?? outcome.institutionId} on ${review.at.slice(0, 10)}${review.note ? `: ${review.note}` : ''}`,
            }
          : {
              zh: `，由 ${institution?.nameZh ?? outcome.institutionId} 认定`,
              en: `, declared by ${institution?.nameEn ?? outcome.institutionId}`,
            };
    return this.stamp(accountId, {
      outcomeId: outcome.id,
      kind: 'ACCUMULATE',
      institutionId: outcome.institutionId,
      ruleId: null,
      ruleVersion: null,
      courseId: null,
      credits: outcome.credits,
      reversesId: null,
      explanation: {
        zh: `认定并存入学分银行：学习成果 ${outcome.id}「${outcome.title.zh}」（${outcome.kind}，${outcome.achievedOn} 取得${how.zh}），计 ${outcome.credits} 学分。`,
        en: `Recognised and deposited: learning outcome ${outcome.id} "${outcome.title.en}" (${outcome.kind}, achieved ${outcome.achievedOn}${how.en}): ${outcome.credits} credits.`,
      },
    });
  }

  private async withdrawIn(
    tx: CreditBankStore,
    accountId: string,
    outcome: LearningOutcome,
    reason: Text,
  ): Promise<CreditTransaction[]> {
    const lines = planWithdrawal(outcome, await tx.listTransactions(accountId), reason).map((l) =>
      this.stamp(accountId, l),
    );
    await tx.appendTransactions(lines);
    await tx.setOutcomeStatus(outcome.id, 'WITHDRAWN');
    return lines;
  }

  private stamp(accountId: string, line: PlannedTransaction): CreditTransaction {
    return { ...line, id: this.deps.ids.next('ctx'), accountId, at: this.deps.clock.now() };
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() ? value : fallback;
}
