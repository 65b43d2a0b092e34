import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { AccessRepository } from './access.repository.ts';
import { AssessmentRepository } from './assessment.repository.ts';
import { CatalogRepository } from './catalog.repository.ts';
import { CredentialsRepository } from './credentials.repository.ts';
import { CreditBankRepository } from './credit-bank.repository.ts';
import { CurriculumRepository } from './curriculum.repository.ts';
import { EmployersRepository } from './employers.repository.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { ProgramsRepository } from './programs.repository.ts';

export {
  AccessRepository,
  AssessmentRepository,
  CatalogRepository,
  CredentialsRepository,
  CreditBankRepository,
  CurriculumRepository,
  EmployersRepository,
  LedgerRepository,
  ProgramsRepository,
};

export interface Repositories {
  catalog: CatalogRepository;
  programs: ProgramsRepository;
  curriculum: CurriculumRepository;
  assessment: AssessmentRepository;
  credentials: CredentialsRepository;
  ledger: LedgerRepository;
  creditBank: CreditBankRepository;
  access: AccessRepository;
  employers: EmployersRepository;
}

export function createRepositories(db: Kysely<DB>): Repositories {
  return {
    catalog: new CatalogRepository(db),
    programs: new ProgramsRepository(db),
    curriculum: new CurriculumRepository(db),
    assessment: new AssessmentRepository(db),
    credentials: new CredentialsRepository(db),
    ledger: new LedgerRepository(db),
    creditBank: new CreditBankRepository(db),
    access: new AccessRepository(db),
    employers: new EmployersRepository(db),
  };
}
