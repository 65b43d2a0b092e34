import type { Migration } from 'kysely';
import * as m0001 from './0001_create_reference_and_catalog.ts';
import * as m0002 from './0002_create_programs.ts';
import * as m0003 from './0003_create_credentials.ts';
import * as m0004 from './0004_create_ledger.ts';
import * as m0005 from './0005_create_assessment.ts';
import * as m0006 from './0006_create_issuance.ts';
import * as m0007 from './0007_create_accounts.ts';
import * as m0008 from './0008_create_curriculum.ts';
import * as m0009 from './0009_create_credit_bank.ts';
import * as m0010 from './0010_create_consent.ts';
import * as m0011 from './0011_credit_bank_declared_outcomes.ts';

/**
 * The static list of migrations, in order. Never edit one that has shipped: add the next.
 * A static list (not a folder scan) works for bundled code and embedded PGlite alike.
 */
export const migrations: Record<string, Migration> = {
  '0001_create_reference_and_catalog': m0001,
  '0002_create_programs': m0002,
  '0003_create_credentials': m0003,
  '0004_create_ledger': m0004,
  '0005_create_assessment': m0005,
  '0006_create_issuance': m0006,
  '0007_create_accounts': m0007,
  '0008_create_curriculum': m0008,
  '0009_create_credit_bank': m0009,
  '0010_create_consent': m0010,
  '0011_credit_bank_declared_outcomes': m0011,
};
