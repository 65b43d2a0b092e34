import { AccessService, type AccessStore } from './access/index.ts';
import { AssessmentService, type AssessmentStore } from './assessment/index.ts';
import { CatalogService, type CatalogStore } from './catalog/index.ts';
import {
  type BatchSigner,
  type CredentialStore,
  CredentialsService,
  type SecretBox,
  SessionIssuanceService,
} from './credentials/index.ts';
import { CreditBankService, type CreditBankStore } from './credit-bank/index.ts';
import type { CryptoProvider } from './crypto/index.ts';
import { CurriculumService, type CurriculumStore, type MilpSolver } from './curriculum/index.ts';
import { EmployersService, type EmployersStore } from './employers/index.ts';
import { LedgerService, type LedgerStore, originFor } from './ledger/index.ts';
import { type IdentityVault, ProgramsService, type ProgramsStore } from './programs/index.ts';
import type { Clock, IdGenerator, Random } from './shared/index.ts';

export interface PlatformPorts {
  catalogStore: CatalogStore;
  programsStore: ProgramsStore;
  assessmentStore: AssessmentStore;
  credentialStore: CredentialStore;
  /** The transparency log's storage (entries are appended through `credentialStore.appendLog`). */
  ledgerStore: LedgerStore;
  /** Credit bank accounts, outcomes, conversion rules and the append-only credit ledger. */
  creditBankStore: CreditBankStore;
  /** API keys, the audit log, owner lookups for organization scoping. */
  accessStore: AccessStore;
  /** Course ↔ skill requirement mappings (书证融通). */
  curriculumStore: CurriculumStore;
  /** Employers and learners' consent grants. */
  employersStore: EmployersStore;
  /** Solves the restructuring optimizer's MILP (the Node runtime: HiGHS on a worker thread). */
  milpSolver: MilpSolver;
  vault: IdentityVault;
  box: SecretBox;
  crypto: CryptoProvider;
  clock: Clock;
  ids: IdGenerator;
  random: Random;
  /** Public base URL of this instance (DIDs, status lists, achievements). */
  baseUrl: string;
  /** Origin given to a new transparency log (default `originFor(baseUrl)`, e.g. `onex.example/log`). */
  logOrigin?: string;
  /** Hash tiles the log keeps in memory for proofs (default 4096). */
  tileCacheSize?: number;
  /** Signs big issuance batches (the Node runtime's worker-thread pool); default: in-thread. */
  batchSigner?: BatchSigner;
}

/** The object graph of use cases. Only `api/server.ts`, `cli/main.ts` and tests build it. */
export function createPlatform(ports: PlatformPorts) {
  const { clock, ids } = ports;
  const catalog = new CatalogService({ store: ports.catalogStore, clock, ids });
  const programs = new ProgramsService({ store: ports.programsStore, vault: ports.vault, clock, ids });
  const assessment = new AssessmentService({ store: ports.assessmentStore, catalog, programs, clock, ids });
  const credentials = new CredentialsService({
    store: ports.credentialStore,
    box: ports.box,
    crypto: ports.crypto,
    clock,
    ids,
    random: ports.random,
    baseUrl: ports.baseUrl,
    catalog: { listTeos: () => catalog.listTeos(), listCertificates: () => catalog.listCertificates() },
    institutions: { find: (code) => ports.programsStore.findInstitution(code) },
    batchSigner: ports.batchSigner,
  });
  return {
    /** API keys, the audit log and owner lookups (issue 6). */
    access: new AccessService({
      store: ports.accessStore,
      crypto: ports.crypto,
      clock,
      ids,
      random: ports.random,
    }),
    catalog,
    programs,
    /** 书证融通: mappings, coverage and gaps, the restructuring optimizer, CASE 1.1. */
    curriculum: new CurriculumService({
      store: ports.curriculumStore,
      catalog,
      programs,
      solver: ports.milpSolver,
      clock,
      ids,
    }),
    assessment,
    credentials,
    /** Bulk issuance of assessment sessions: exactly once, resumable. */
    issuance: new SessionIssuanceService({
      store: ports.credentialStore,
      credentials,
      assessment,
      programs,
      catalog,
      crypto: ports.crypto,
      clock,
      random: ports.random,
      baseUrl: ports.baseUrl,
    }),
    /** The credit bank (学分银行) and CLR 2.0 learner records. */
    creditBank: new CreditBankService({
      store: ports.creditBankStore,
      programs,
      catalog,
      credentials,
      clock,
      ids,
    }),
    /** Employers and learners' consent: who may see which certificates, until when. */
    employers: new EmployersService({
      store: ports.employersStore,
      programs,
      credentials,
      clock,
      ids,
    }),
    ledger: new LedgerService({
      store: ports.ledgerStore,
      box: ports.box,
      crypto: ports.crypto,
      clock,
      random: ports.random,
      origin: ports.logOrigin ?? originFor(ports.baseUrl),
      ...(ports.tileCacheSize !== undefined ? { tileCacheSize: ports.tileCacheSize } : {}),
    }),
  };
}

export type Platform = ReturnType<typeof createPlatform>;
