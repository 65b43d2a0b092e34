import type { CredentialRecord, CredentialsService, Verifier } from '../credentials/index.ts';
import type { Learner, ProgramsService } from '../programs/index.ts';
import { type Clock, DomainError, type IdGenerator, invalid, notFound } from '../shared/index.ts';
import { consentError } from './employers.errors.ts';
import type {
  Candidate,
  CandidateCredential,
  ConsentGrant,
  ConsentGrantView,
  Employer,
  EmployerRef,
  NewConsentGrant,
  NewEmployer,
} from './employers.model.ts';
import type { EmployersStore } from './employers.ports.ts';
import { checkGrantTerms, consentState, coverage, employerProblems, maskName } from './employers.rules.ts';

export interface EmployersDeps {
  store: EmployersStore;
  programs: ProgramsService;
  credentials: CredentialsService;
  clock: Clock;
  ids: IdGenerator;
}

/** What showing a candidate's credentials asks of a verifier (the API's instance verifier). */
export type ConsentVerifier = Pick<Verifier, 'verifyCredential'>;

/** Who is granting: an account, and the learner record it is (null for anyone but a learner). */
export interface ConsentActor {
  actorId: string;
  learnerId: string | null;
}

const PURPOSE_MAX = 500;
const refOf = (e: Employer): EmployerRef => ({ id: e.id, code: e.code, nameZh: e.nameZh, nameEn: e.nameEn });

/**
 * Employers and learners' consent (issue 6): a learner grants one employer access to all or some
 * of their certificates, for a purpose, until an expiry (90 days by default, at most 365); they
 * may revoke it at any time. An employer sees only learners with a live grant, disclosed as far as
 * the grant allows, and only the credentials a live grant covers, each verified as it is shown.
 */
export class EmployersService {
  constructor(private readonly deps: EmployersDeps) {}

  // ---- employers -------------------------------------------------------------------------------

  listEmployers(): Promise<Employer[]> {
    return this.deps.store.listEmployers();
  }

  /** By id or code; NOT_FOUND otherwise. */
  async getEmployer(idOrCode: string): Promise<Employer> {
    const employer = await this.deps.store.findEmployer(idOrCode);
    if (!employer) throw notFound('用人单位 employer', idOrCode);
    return employer;
  }

  /** Registers an employer; its code and unified social credit code are unique. */
  async registerEmployer(input: NewEmployer): Promise<Employer> {
    const issues = employerProblems(input);
    if (issues.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: '用人单位信息无效', en: `Invalid employer: ${issues.map((i) => i.path).join(', ')}` },
        { issues },
      );
    return this.deps.store.transaction(async (tx) => {
      const taken = await tx.findEmployerByCodeOrUscc(input.code, input.uscc);
      if (taken)
        throw new DomainError(
          'EMPLOYERS_DUPLICATE',
          {
            zh: '该用人单位编码或统一社会信用代码已登记',
            en: 'An employer with this code or unified social credit code is registered',
          },
          {
            issues: [{ path: taken.code === input.code ? 'body.code' : 'body.uscc', message: 'taken' }],
            existing: taken.id,
          },
        );
      const employer: Employer = {
        id: this.deps.ids.next('emp'),
        code: input.code,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        uscc: input.uscc,
        provinceCode: input.provinceCode ?? null,
        industryCode: input.industryCode ?? null,
        synthetic: input.synthetic ?? false,
        createdAt: this.deps.clock.now(),
      };
      await tx.insertEmployer(employer);
      return employer;
    });
  }

  // ---- the learner's side ----------------------------------------------------------------------

  /**
   * Records the learner's consent. Only the learner themself may grant it. Refusals (unknown
   * employer, expiry passed or over 365 days, a credential not the learner's) name the request
   * field and write nothing.
   */
  async grantConsent(
    learnerId: string,
    input: NewConsentGrant,
    actor: ConsentActor,
  ): Promise<ConsentGrantView> {
    const learner = await this.deps.programs.getLearner(learnerId);
    if (actor.learnerId !== learner.id)
      throw consentError(
        'CONSENT_NOT_THE_LEARNER',
        null,
        { zh: '只有学习者本人可以授权', en: 'Only the learner themself may grant consent' },
        { learnerId: learner.id },
      );
    const employer = await this.deps.store.findEmployer(input.employer);
    if (!employer)
      throw consentError('CONSENT_UNKNOWN_EMPLOYER', 'body.employerId', {
        zh: `未登记的用人单位：${input.employer}`,
        en: `No such employer: ${input.employer}`,
      });
    const purpose = input.purpose.trim();
    if (!purpose || purpose.length > PURPOSE_MAX)
      throw invalid('body.purpose', {
        zh: `请说明授权用途（不超过 ${PURPOSE_MAX} 字）`,
        en: `State the purpose (at most ${PURPOSE_MAX} characters)`,
      });
    const now = this.deps.clock.now();
    const records = await this.deps.credentials.listForLearner(learner.id);
    const checked = checkGrantTerms(input, now, records);
    if ('problem' in checked)
      throw consentError(checked.problem.code, checked.problem.path, checked.problem.text);
    const grant: ConsentGrant = {
      id: this.deps.ids.next('consent'),
      learnerId: learner.id,
      employerId: employer.id,
      scope: input.scope,
      credentialIds: checked.terms.credentialIds,
      purpose,
      revealIdentity: input.revealIdentity ?? false,
      grantedBy: actor.actorId,
      grantedAt: now,
      expiresAt: checked.terms.expiresAt,
      revokedAt: null,
      revokedBy: null,
    };
    await this.deps.store.transaction((tx) => tx.insertGrant(grant));
    return this.view(grant, employer, now);
  }

  /** The learner's grants, newest first, each with its state now. */
  async listConsents(learnerId: string): Promise<ConsentGrantView[]> {
    const learner = await this.deps.programs.getLearner(learnerId);
    const grants = await this.deps.store.listGrantsByLearner(learner.id);
    const employers = new Map((await this.deps.store.listEmployers()).map((e) => [e.id, e]));
    const now = this.deps.clock.now();
    return grants.map((g) => this.view(g, employers.get(g.employerId)!, now));
  }

  /** One grant with its state now. */
  async getConsent(grantId: string): Promise<ConsentGrantView> {
    const grant = await this.deps.store.findGrant(grantId);
    if (!grant) throw notFound('授权 consent', grantId);
    return this.view(grant, await this.getEmployer(grant.employerId), this.deps.clock.now());
  }

  /** Revokes a grant at once (an expired one too); revoking twice is CONSENT_ALREADY_REVOKED. */
  async revokeConsent(grantId: string, actorId: string): Promise<ConsentGrantView> {
    const now = this.deps.clock.now();
    const revoked = await this.deps.store.transaction(async (tx) => {
      const done = await tx.revokeGrant(grantId, now, actorId);
      if (done) return done;
      const grant = await tx.findGrant(grantId);
      if (!grant) throw notFound('授权 consent', grantId);
      throw consentError(
        'CONSENT_ALREADY_REVOKED',
        null,
        { zh: '该授权已撤回', en: 'This consent was already revoked' },
        { revokedAt: grant.revokedAt?.toISOString() ?? null },
      );
    });
    return this.view(revoked, await this.getEmployer(revoked.employerId), now);
  }

  // ---- the employer's side ---------------------------------------------------------------------

  /** Learners with a live grant to the employer, disclosed as far as their grants allow. */
  async listCandidates(employerIdOrCode: string): Promise<Candidate[]> {
    const employer = await this.getEmployer(employerIdOrCode);
    const now = this.deps.clock.now();
    const grants = await this.deps.store.listLiveGrants({ employerId: employer.id, at: now });
    const byLearner = new Map<string, ConsentGrant[]>();
    for (const g of grants) byLearner.set(g.learnerId, [...(byLearner.get(g.learnerId) ?? []), g]);
    const learners = await this.deps.programs.findLearners([...byLearner.keys()]);
    const candidates: Candidate[] = [];
    for (const learner of learners) {
      const records = await this.deps.credentials.listForLearner(learner.id);
      candidates.push(candidateOf(learner, byLearner.get(learner.id)!, records, now).candidate);
    }
    // Newest consent first.
    const latest = (c: Candidate) => Math.max(...c.grants.map((g) => g.grantedAt.getTime()));
    return candidates.sort((a, b) => latest(b) - latest(a) || a.learnerId.localeCompare(b.learnerId));
  }

  /**
   * The credentials of one candidate that a live grant to the employer covers, oldest first, each
   * verified now. NOT_FOUND when the learner has no live grant to this employer (so an employer
   * cannot tell a learner who never consented from one who does not exist).
   */
  async candidateCredentials(
    employerIdOrCode: string,
    learnerId: string,
    verifier: ConsentVerifier,
  ): Promise<{ candidate: Candidate; items: CandidateCredential[] }> {
    const employer = await this.getEmployer(employerIdOrCode);
    const now = this.deps.clock.now();
    const grants = await this.deps.store.listLiveGrants({ employerId: employer.id, learnerId, at: now });
    const [learner] = grants.length === 0 ? [] : await this.deps.programs.findLearners([learnerId]);
    if (!learner) throw notFound('候选人 candidate', learnerId);
    const records = await this.deps.credentials.listForLearner(learner.id);
    const { candidate, covered } = candidateOf(learner, grants, records, now);
    const items: CandidateCredential[] = [];
    for (const record of records) {
      const grantIds = covered.get(record.id);
      if (!grantIds) continue;
      items.push({ record, verification: await verifier.verifyCredential(record.document), grantIds });
    }
    return { candidate, items };
  }

  private view(grant: ConsentGrant, employer: Employer, now: Date): ConsentGrantView {
    return { ...grant, state: consentState(grant, now), employer: refOf(employer) };
  }
}

/** A learner as one employer's candidate under their live grants to it, and what those grants cover. */
function candidateOf(
  learner: Learner,
  grants: readonly ConsentGrant[],
  records: readonly CredentialRecord[],
  now: Date,
): { candidate: Candidate; covered: Map<string, string[]> } {
  const covered = coverage(
    grants,
    now,
    records.map((r) => r.id),
  );
  const revealed = grants.some((g) => g.revealIdentity);
  return {
    covered,
    candidate: {
      learnerId: learner.id,
      displayName: revealed ? learner.nameZh : maskName(learner.nameZh),
      identityRevealed: revealed,
      nationalIdMasked: revealed ? learner.nationalIdMasked : null,
      credentialCount: covered.size,
      grants: grants.map((g) => ({
        id: g.id,
        scope: g.scope,
        purpose: g.purpose,
        grantedAt: g.grantedAt,
        expiresAt: g.expiresAt,
      })),
    },
  };
}
