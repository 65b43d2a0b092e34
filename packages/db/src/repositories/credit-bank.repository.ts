import type {
  ConversionRule,
  CreditAccount,
  CreditBankStore,
  CreditTransaction,
  JsonObject,
  LearningOutcome,
  LevelCode,
  OutcomeEvidence,
  OutcomeKind,
  OutcomeReview,
  OutcomeStatus,
  RecordedVerification,
  RuleOutcomeKind,
  TransactionKind,
} from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
import type { CreditOutcomeTable, CreditRuleTable, CreditTransactionTable, DB } from '../schema.ts';
import { inTransaction } from './scope.ts';

/** Credit bank accounts, outcomes, rules and the append-only ledger: the only place their SQL lives. */
export class CreditBankRepository implements CreditBankStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: CreditBankStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new CreditBankRepository(trx), fn);
  }

  async findAccount(learnerId: string): Promise<CreditAccount | undefined> {
    const row = await this.db
      .selectFrom('credit_account')
      .selectAll()
      .where('learner_id', '=', learnerId)
      .executeTakeFirst();
    return (
      row && { id: row.id, learnerId: row.learner_id, accountNo: row.account_no, openedAt: row.opened_at }
    );
  }

  async insertAccount(a: CreditAccount): Promise<void> {
    await this.db
      .insertInto('credit_account')
      .values({ id: a.id, learner_id: a.learnerId, account_no: a.accountNo, opened_at: a.openedAt })
      .execute();
  }

  async lockAccount(accountId: string): Promise<void> {
    await this.db.selectFrom('credit_account').select('id').where('id', '=', accountId).forUpdate().execute();
  }

  async countAccounts(): Promise<number> {
    const row = await this.db
      .selectFrom('credit_account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listOutcomes(accountId: string): Promise<LearningOutcome[]> {
    const rows = await this.db
      .selectFrom('credit_outcome')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('recognised_at')
      .orderBy('id')
      .execute();
    return rows.map(toOutcome);
  }

  async findOutcome(id: string): Promise<LearningOutcome | undefined> {
    const row = await this.db
      .selectFrom('credit_outcome')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toOutcome(row);
  }

  async insertOutcome(o: LearningOutcome): Promise<void> {
    await this.db
      .insertInto('credit_outcome')
      .values({
        id: o.id,
        account_id: o.accountId,
        kind: o.kind,
        title_zh: o.title.zh,
        title_en: o.title.en,
        status: o.status,
        certificate_code: o.certificateCode,
        level: o.level,
        credential_id: o.credentialId,
        document: o.document === null ? null : JSON.stringify(o.document),
        issuer_did: o.issuerDid,
        verification: o.verification === null ? null : JSON.stringify(o.verification),
        credits: o.credits,
        institution_id: o.institutionId,
        achieved_on: o.achievedOn,
        source_key: o.sourceKey,
        recognised_at: o.recognisedAt,
        outcome_code: o.outcomeCode,
        evidence: JSON.stringify(o.evidence),
        submitted_by: o.submittedBy,
        review: o.review === null ? null : JSON.stringify(o.review),
      })
      .execute();
  }

  async setOutcomeStatus(id: string, status: OutcomeStatus): Promise<void> {
    await this.db.updateTable('credit_outcome').set({ status }).where('id', '=', id).execute();
  }

  async setOutcomeReview(id: string, status: OutcomeStatus, review: OutcomeReview): Promise<void> {
    await this.db
      .updateTable('credit_outcome')
      .set({ status, review: JSON.stringify(review) })
      .where('id', '=', id)
      .execute();
  }

  async listInstitutionOutcomes(filter: {
    institutionId: string;
    status?: OutcomeStatus | undefined;
    limit: number;
  }): Promise<(LearningOutcome & { learnerId: string })[]> {
    const rows = await this.db
      .selectFrom('credit_outcome as o')
      .innerJoin('credit_account as a', 'a.id', 'o.account_id')
      .selectAll('o')
      .select('a.learner_id')
      .where('o.institution_id', '=', filter.institutionId)
      .$if(filter.status !== undefined, (q) => q.where('o.status', '=', filter.status!))
      .orderBy('o.recognised_at')
      .orderBy('o.id')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({ ...toOutcome(r), learnerId: r.learner_id }));
  }

  async listRules(filter: {
    institutionId?: string | undefined;
    outcomeKind?: RuleOutcomeKind | undefined;
    certificateCode?: string | undefined;
    level?: LevelCode | undefined;
    outcomeCode?: string | undefined;
  }): Promise<ConversionRule[]> {
    const rows = await this.db
      .selectFrom('credit_rule as r')
      .innerJoin('institution as i', 'i.id', 'r.institution_id')
      .selectAll('r')
      .select('i.code as institution_code')
      .$if(filter.institutionId !== undefined, (q) => q.where('r.institution_id', '=', filter.institutionId!))
      .$if(filter.outcomeKind !== undefined, (q) => q.where('r.outcome_kind', '=', filter.outcomeKind!))
      .$if(filter.certificateCode !== undefined, (q) =>
        q.where('r.certificate_code', '=', filter.certificateCode!),
      )
      .$if(filter.level !== undefined, (q) => q.where('r.level', '=', filter.level!))
      .$if(filter.outcomeCode !== undefined, (q) => q.where('r.outcome_code', '=', filter.outcomeCode!))
      .orderBy('i.code')
      .orderBy('r.outcome_kind', 'desc')
      .orderBy('r.certificate_code')
      .orderBy('r.outcome_code')
      .orderBy('r.level')
      .orderBy('r.version')
      .execute();
    return rows.map(toRule);
  }

  async insertRule(r: ConversionRule): Promise<void> {
    await this.db
      .insertInto('credit_rule')
      .values({
        id: r.id,
        institution_id: r.institutionId,
        outcome_kind: r.outcomeKind,
        certificate_code: r.certificateCode,
        level: r.level,
        outcome_code: r.outcomeCode,
        version: r.version,
        credits: r.credits,
        exempt_course_ids: r.exemptCourseIds,
        effective_from: r.effectiveFrom,
        effective_to: r.effectiveTo,
        note: r.note,
        created_at: r.createdAt,
      })
      .execute();
  }

  async listTransactions(accountId: string): Promise<CreditTransaction[]> {
    const rows = await this.db
      .selectFrom('credit_transaction')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('seq')
      .execute();
    return rows.map(toTransaction);
  }

  async appendTransactions(list: CreditTransaction[]): Promise<void> {
    if (list.length === 0) return;
    await this.db
      .insertInto('credit_transaction')
      .values(
        list.map((t) => ({
          id: t.id,
          account_id: t.accountId,
          outcome_id: t.outcomeId,
          kind: t.kind,
          institution_id: t.institutionId,
          rule_id: t.ruleId,
          rule_version: t.ruleVersion,
          course_id: t.courseId,
          credits: t.credits,
          reverses_id: t.reversesId,
          explanation_zh: t.explanation.zh,
          explanation_en: t.explanation.en,
          at: t.at,
        })),
      )
      .execute();
  }
}

function toOutcome(r: Selectable<CreditOutcomeTable>): LearningOutcome {
  return {
    id: r.id,
    accountId: r.account_id,
    kind: r.kind as OutcomeKind,
    title: { zh: r.title_zh, en: r.title_en },
    status: r.status as OutcomeStatus,
    certificateCode: r.certificate_code,
    level: r.level as LevelCode | null,
    credentialId: r.credential_id,
    document: (r.document as JsonObject | null) ?? null,
    issuerDid: r.issuer_did,
    verification: (r.verification as RecordedVerification | null) ?? null,
    credits: Number(r.credits),
    institutionId: r.institution_id,
    achievedOn: r.achieved_on,
    sourceKey: r.source_key,
    recognisedAt: r.recognised_at,
    outcomeCode: r.outcome_code,
    evidence: (r.evidence as OutcomeEvidence[] | null) ?? [],
    submittedBy: r.submitted_by,
    review: (r.review as OutcomeReview | null) ?? null,
  };
}

function toRule(r: Selectable<CreditRuleTable> & { institution_code: string }): ConversionRule {
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionCode: r.institution_code,
    outcomeKind: r.outcome_kind as RuleOutcomeKind,
    certificateCode: r.certificate_code,
    level: r.level as LevelCode | null,
    outcomeCode: r.outcome_code,
    version: r.version,
    credits: Number(r.credits),
    exemptCourseIds: r.exempt_course_ids,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    note: r.note,
    createdAt: r.created_at,
  };
}

function toTransaction(r: Selectable<CreditTransactionTable>): CreditTransaction {
  return {
    id: r.id,
    accountId: r.account_id,
    outcomeId: r.outcome_id,
    kind: r.kind as TransactionKind,
    institutionId: r.institution_id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    courseId: r.course_id,
    credits: Number(r.credits),
    reversesId: r.reverses_id,
    explanation: { zh: r.explanation_zh, en: r.explanation_en },
    at: r.at,
  };
}
