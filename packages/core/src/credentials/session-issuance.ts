import type { AssessmentSession, PassedResult } from '../assessment/index.ts';
import { type CertificateWithTeo, type LevelCode, levelNames } from '../catalog/index.ts';
import type { CryptoProvider } from '../crypto/index.ts';
import type { Learner } from '../programs/index.ts';
import type { Clock, Random } from '../shared/index.ts';
import { DomainError, isDomainError } from '../shared/index.ts';
import { composeAchievementCredential } from './compose.ts';
import type { JsonObject } from './credential.model.ts';
import type { CredentialsService, IssueOptions } from './credentials.service.ts';
import type { CredentialStore } from './issuance.ports.ts';

/** What session issuance reads from the other modules (their services satisfy it). */
export interface SessionIssuanceDeps {
  store: CredentialStore;
  credentials: CredentialsService;
  assessment: {
    getSession(id: string): Promise<AssessmentSession>;
    listResults(sessionId: string): Promise<{ id: string; passed: boolean }[]>;
    listPassedResults(sessionId: string, page: { afterId?: string; limit: number }): Promise<PassedResult[]>;
  };
  programs: {
    findLearners(ids: readonly string[]): Promise<Learner[]>;
    hashNationalIds(
      ids: readonly string[],
      hash: (nationalId: string, learnerId: string) => string,
    ): Promise<Map<string, string>>;
  };
  catalog: {
    getCertificate(idOrCode: string): Promise<CertificateWithTeo>;
    getStandard(id: string): Promise<{
      id: string;
      version: number;
      nodes: { level: LevelCode; code: string; kind: string; titleZh: string }[];
    }>;
  };
  crypto: CryptoProvider;
  clock: Clock;
  random: Random;
  baseUrl: string;
}

/** Progress of a session's issuance, reported after every committed batch. */
export interface IssuanceProgress {
  sessionId: string;
  /** Passed, published results of the session. */
  total: number;
  /** Of them, with a certificate now (issued by this run or before). */
  done: number;
  /** Issued by this run. */
  issued: number;
}

export interface IssueSessionOptions {
  /** Results per transaction (default 500): a crash loses at most one uncommitted batch. */
  batchSize?: number;
  cryptosuite?: IssueOptions['cryptosuite'];
  onProgress?: (p: IssuanceProgress) => void;
}

/** The exactly-once key of a result's certificate. */
export const resultSourceKey = (resultId: string) => `result:${resultId}`;

/**
 * The synthetic certificate number (DOMAIN.md §6: the official format is not public, so OneX uses an
 * obviously synthetic one): `1X-{YY}{certificate digits:4}{level:1}{province:2}-{serial:6}`, e.g.
 * `1X-2601022-44-000123` for the 123rd X-0102 中级 certificate of 2026 to a Guangdong (44) learner.
 * The serial counts per prefix, from 1, with no gaps (taken in the issuing transaction).
 */
export function certificateNumberPrefix(
  year: number,
  certificateCode: string,
  level: LevelCode,
  province: string,
): string {
  const digits = certificateCode.replace(/\D/g, '').padStart(4, '0').slice(-4);
  return `1X-${String(year % 100).padStart(2, '0')}${digits}${level}-${province.slice(0, 2).padStart(2, '0')}`;
}
export const certificateNumber = (prefix: string, serial: number) =>
  `${prefix}-${String(serial).padStart(6, '0')}`;

/**
 * Bulk issuance of a session (issue 5): every passed, published result becomes one certificate,
 * exactly once. Each batch is one transaction that skips results already issued, reserves
 * certificate-number serials, composes, signs (the worker pool when the runtime has one), stores
 * and logs; a crash loses only the uncommitted batch and a rerun issues the rest. Two processes
 * issuing the same session never issue a result twice: the credential's unique `source_key` makes
 * the later batch fail, and it is retried against what is then stored.
 */
export class SessionIssuanceService {
  constructor(private readonly deps: SessionIssuanceDeps) {}

  async issueSession(sessionId: string, options: IssueSessionOptions = {}): Promise<IssuanceProgress> {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { zh: '批大小必须是 1 到 1000 的整数', en: 'The batch size must be a whole number from 1 to 1000' },
        { issues: [{ path: 'batchSize', message: `not in 1..1000: ${batchSize}` }] },
      );
    }
    const session = await this.deps.assessment.getSession(sessionId);
    const certificate = await this.deps.catalog.getCertificate(session.certificateId);
    const standard = await this.deps.catalog.getStandard(session.standardId);
    const issuerDid = await this.deps.credentials.ensureIssuer('TEO', certificate.teo.code);

    // The whole list of passed results first (ids only matter): the total for progress.
    const results: PassedResult[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.deps.assessment.listPassedResults(session.id, { afterId: after, limit: 1000 });
      results.push(...page);
      if (page.length < 1000) break;
      after = page.at(-1)!.resultId;
    }
    const progress: IssuanceProgress = { sessionId: session.id, total: results.length, done: 0, issued: 0 };
    const already = await this.issuedKeys(results.map((r) => resultSourceKey(r.resultId)));
    progress.done = already.size;
    options.onProgress?.({ ...progress });
    const pending = results.filter((r) => !already.has(resultSourceKey(r.resultId)));

    for (let i = 0; i < pending.length; i += batchSize) {
      const batch = pending.slice(i, i + batchSize);
      for (let attempt = 0; ; attempt++) {
        try {
          const issued = await this.issueBatch(session, certificate, standard, issuerDid, batch, options);
          progress.issued += issued;
          progress.done += batch.length;
          break;
        } catch (e) {
          // Another process issued some of this batch first: retry with what is left of it.
          if (!isDomainError(e) || e.code !== 'ISSUANCE_ALREADY_ISSUED' || attempt >= 3) throw e;
        }
      }
      options.onProgress?.({ ...progress });
    }
    return progress;
  }

  /**
   * After a re-score (an appeal), a result that no longer passes must not keep its certificate:
   * revokes (final, logged) the certificates of the session's results that are not passed now.
   * Returns the revoked credential ids.
   */
  async revokeFailedAfterRescore(sessionId: string): Promise<string[]> {
    const failed = (await this.deps.assessment.listResults(sessionId)).filter((r) => !r.passed);
    const revoked: string[] = [];
    for (let i = 0; i < failed.length; i += 1000) {
      const keys = failed.slice(i, i + 1000).map((r) => resultSourceKey(r.id));
      for (const c of await this.deps.store.findCredentialsBySourceKeys(keys)) {
        if (c.status === 'REVOKED') continue;
        await this.deps.credentials.changeStatus(
          c.id,
          'revoke',
          '复核后成绩不合格 / failed after re-scoring',
        );
        revoked.push(c.id);
      }
    }
    return revoked;
  }

  private async issuedKeys(keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 5000) {
      for (const k of await this.deps.store.findIssuedSourceKeys(keys.slice(i, i + 5000))) out.add(k);
    }
    return out;
  }

  /** One transaction: returns how many it issued (results issued meanwhile are skipped). */
  private async issueBatch(
    session: AssessmentSession,
    certificate: CertificateWithTeo,
    standard: Awaited<ReturnType<SessionIssuanceDeps['catalog']['getStandard']>>,
    issuerDid: string,
    batch: PassedResult[],
    options: IssueSessionOptions,
  ): Promise<number> {
    const { crypto, clock, random, baseUrl } = this.deps;
    const learnerIds = [...new Set(batch.map((r) => r.learnerId))];
    const learners = new Map((await this.deps.programs.findLearners(learnerIds)).map((l) => [l.id, l]));
    // One salt per credential (OB 3.0 IdentityObject): the hash cannot be matched across certificates.
    const salts = new Map(batch.map((r) => [r.resultId, hex(random.bytes(16))]));
    // The clear ID number is hashed with the credential's salt inside programs and never leaves it.
    // A learner sits a session once, so the learner's salt is that of the one result here.
    const saltByLearner = new Map(batch.map((r) => [r.learnerId, salts.get(r.resultId)!]));
    const byLearner = await this.deps.programs.hashNationalIds(
      learnerIds,
      (id, learnerId) => `sha256$${hex(crypto.sha256(utf8(id + saltByLearner.get(learnerId)!)))}`,
    );
    const hashes = new Map(batch.map((r) => [r.resultId, byLearner.get(r.learnerId)]));
    const level = certificate.levels.find((l) => l.level === session.level);
    const requirementCodes = standard.nodes
      .filter((n) => n.level === session.level && n.kind === 'REQUIREMENT')
      .map((n) => ({ code: n.code, titleZh: n.titleZh }));
    const now = clock.now();
    const validFrom = now.toISOString().replace(/\.\d{3}Z$/, 'Z');

    return this.deps.store.transaction(async (tx) => {
      const done = await tx.findIssuedSourceKeys(batch.map((r) => resultSourceKey(r.resultId)));
      const todo = batch.filter((r) => !done.has(resultSourceKey(r.resultId)));
      if (todo.length === 0) return 0;
      // Certificate numbers: consecutive serials per prefix, reserved in this transaction.
      const byPrefix = new Map<string, PassedResult[]>();
      for (const r of todo) {
        const learner = learners.get(r.learnerId);
        if (!learner)
          throw new DomainError('NOT_FOUND', {
            zh: `没有学习者 ${r.learnerId}`,
            en: `No learner ${r.learnerId}`,
          });
        const prefix = certificateNumberPrefix(
          now.getUTCFullYear(),
          certificate.code,
          session.level,
          learner.provinceCode,
        );
        const group = byPrefix.get(prefix);
        if (group) group.push(r);
        else byPrefix.set(prefix, [r]);
      }
      const numbers = new Map<string, string>();
      for (const [prefix, group] of [...byPrefix].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const first = await tx.reserveSerials(prefix, group.length);
        for (const [k, r] of group.entries()) numbers.set(r.resultId, certificateNumber(prefix, first + k));
      }
      const items = todo.map((r) => {
        const number = numbers.get(r.resultId)!;
        const credential: JsonObject = composeAchievementCredential({
          id: `urn:uuid:${uuidOf(random.bytes(16))}`,
          issuer: { id: issuerDid, nameZh: certificate.teo.nameZh, nameEn: certificate.teo.nameEn },
          baseUrl,
          certificate: {
            code: certificate.code,
            nameZh: certificate.nameZh,
            nameEn: certificate.nameEn,
            fullNameZh: certificate.fullNameZh,
          },
          level: {
            level: session.level,
            nameZh: levelNames[session.level].zh,
            nameEn: levelNames[session.level].en,
          },
          standard: { id: standard.id, version: standard.version, requirementCodes },
          occupationCodes: certificate.occupationCodes,
          majorCodes: level?.targetMajors ?? [],
          recipient: {
            identityHash: hashes.get(r.resultId) ?? `sha256$${hex(crypto.sha256(utf8(r.learnerId)))}`,
            salt: salts.get(r.resultId)!,
          },
          scores: { theory: r.theory, practical: r.practical, total: r.total },
          validFrom,
          certificateNumber: number,
          credentialStatus: [],
        });
        return {
          credential,
          options: {
            cryptosuite: options.cryptosuite ?? 'eddsa-rdfc-2022',
            learnerId: r.learnerId,
            certificateCode: certificate.code,
            level: session.level,
            certificateNumber: number,
            sourceKey: resultSourceKey(r.resultId),
          } satisfies IssueOptions,
        };
      });
      await this.deps.credentials.issueMany(items, tx);
      return todo.length;
    });
  }
}

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s);

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function uuidOf(b: Uint8Array): string {
  const h = hex(
    Uint8Array.from(b, (x, i) => (i === 6 ? (x & 0x0f) | 0x40 : i === 8 ? (x & 0x3f) | 0x80 : x)),
  );
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
