import type { ConsentGrant, Employer } from './employers.model.ts';

/** Storage of employers and consent grants. Grants are inserted, and revoked once; never edited. */
export interface EmployersStore {
  transaction<T>(fn: (tx: EmployersStore) => Promise<T>): Promise<T>;

  /** Every employer, by code. */
  listEmployers(): Promise<Employer[]>;
  findEmployer(idOrCode: string): Promise<Employer | undefined>;
  /** An employer holding this code or unified social credit code, if any. */
  findEmployerByCodeOrUscc(code: string, uscc: string): Promise<Employer | undefined>;
  insertEmployer(employer: Employer): Promise<void>;

  insertGrant(grant: ConsentGrant): Promise<void>;
  findGrant(id: string): Promise<ConsentGrant | undefined>;
  /** A learner's grants, whatever their state, newest first. */
  listGrantsByLearner(learnerId: string): Promise<ConsentGrant[]>;
  /** Grants to an employer (of one learner, if given) neither revoked nor expired at `at`. */
  listLiveGrants(filter: {
    employerId: string;
    learnerId?: string | undefined;
    at: Date;
  }): Promise<ConsentGrant[]>;
  /** Sets `revokedAt` of a grant not yet revoked; `undefined` when there is no such grant. */
  revokeGrant(id: string, at: Date, by: string): Promise<ConsentGrant | undefined>;
}
