import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { AssessmentRepository } from './assessment.repository.ts';
import { CatalogRepository } from './catalog.repository.ts';
import { CredentialsRepository } from './credentials.repository.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { ProgramsRepository } from './programs.repository.ts';

export {
  AssessmentRepository,
  CatalogRepository,
  CredentialsRepository,
  LedgerRepository,
  ProgramsRepository,
};

export interface Repositories {
  catalog: CatalogRepository;
  programs: ProgramsRepository;
  assessment: AssessmentRepository;
  credentials: CredentialsRepository;
  ledger: LedgerRepository;
}

export function createRepositories(db: Kysely<DB>): Repositories {
  return {
    catalog: new CatalogRepository(db),
    programs: new ProgramsRepository(db),
    assessment: new AssessmentRepository(db),
    credentials: new CredentialsRepository(db),
    ledger: new LedgerRepository(db),
  };
}
