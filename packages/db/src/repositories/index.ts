import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { CatalogRepository } from './catalog.repository.ts';
import { CredentialsRepository } from './credentials.repository.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { ProgramsRepository } from './programs.repository.ts';

export { CatalogRepository, CredentialsRepository, LedgerRepository, ProgramsRepository };

export interface Repositories {
  catalog: CatalogRepository;
  programs: ProgramsRepository;
  credentials: CredentialsRepository;
  ledger: LedgerRepository;
}

export function createRepositories(db: Kysely<DB>): Repositories {
  return {
    catalog: new CatalogRepository(db),
    programs: new ProgramsRepository(db),
    credentials: new CredentialsRepository(db),
    ledger: new LedgerRepository(db),
  };
}
