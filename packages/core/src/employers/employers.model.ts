import type { CredentialRecord, VerificationResult } from '../credentials/index.ts';

/**
 * An employer (用人单位): an organization whose HR accounts (`EMPLOYER_HR`) find candidates among
 * learners who consented (ARCHITECTURE §1, DOMAIN.md §8.2 `Employer`).
 */
export interface Employer {
  id: string;
  /** Short stable code, e.g. `EMP-0001` (demo employers: `SYN-EMP-0001`). */
  code: string;
  nameZh: string;
  nameEn: string;
  /** Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, check character last. */
  uscc: string;
  provinceCode: string | null;
  /** Industry (GB/T 4754-2017 section letter or class code), if known. */
  industryCode: string | null;
  synthetic: boolean;
  createdAt: Date;
}

export interface NewEmployer {
  code: string;
  nameZh: string;
  nameEn: string;
  uscc: string;
  provinceCode?: string | null | undefined;
  industryCode?: string | null | undefined;
  synthetic?: boolean | undefined;
}

/** An employer as named on a grant or a candidate: enough to recognise it. */
export type EmployerRef = Pick<Employer, 'id' | 'code' | 'nameZh' | 'nameEn'>;

/**
 * What a grant covers: `ALL` of the learner's certificates (those issued later too, while the
 * grant is live), or the `SELECTED` credential ids only.
 */
export const consentScopes = ['ALL', 'SELECTED'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** `ACTIVE` until it expires or the learner revokes it; only an active grant gives access. */
export const consentStates = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type ConsentState = (typeof consentStates)[number];

/**
 * A learner's consent (授权) that one employer may see their certificates, for a stated purpose,
 * until it expires. A grant is never edited: the learner revokes it and, if they wish, grants anew.
 */
export interface ConsentGrant {
  id: string;
  learnerId: string;
  employerId: string;
  scope: ConsentScope;
  /** The credential ids a `SELECTED` grant covers; empty for `ALL`. */
  credentialIds: string[];
  /** Why the employer may look (e.g. the job applied for), in the learner's words. */
  purpose: string;
  /** True: the employer sees the learner's full name and masked ID number; false: a masked name only. */
  revealIdentity: boolean;
  /** The account that granted it (the learner's own). */
  grantedBy: string;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** A grant as the learner sees it: its state now and the employer it names. */
export interface ConsentGrantView extends ConsentGrant {
  state: ConsentState;
  employer: EmployerRef;
}

/** What a learner asks for when granting consent. */
export interface NewConsentGrant {
  /** Employer id or code. */
  employer: string;
  scope: ConsentScope;
  /** Required for `SELECTED` (credential ids or certificate numbers of the learner's); absent for `ALL`. */
  credentialIds?: readonly string[] | undefined;
  purpose: string;
  /** Default: 90 days from now; at most 365 days from now. */
  expiresAt?: Date | undefined;
  revealIdentity?: boolean | undefined;
}

/** One live grant as the employer sees it. */
export interface CandidateGrant {
  id: string;
  scope: ConsentScope;
  purpose: string;
  grantedAt: Date;
  expiresAt: Date;
}

/** A learner with a live grant to the employer, disclosed only as far as the grants allow. */
export interface Candidate {
  learnerId: string;
  /** The full name when a live grant reveals identity; else the surname and `*`s (`张**`). */
  displayName: string;
  identityRevealed: boolean;
  /** `3301**********1234` when identity is revealed; else null. */
  nationalIdMasked: string | null;
  /** Credentials the live grants cover now. */
  credentialCount: number;
  grants: CandidateGrant[];
}

/** A credential an employer may see, verified at the moment it is shown. */
export interface CandidateCredential {
  record: CredentialRecord;
  verification: VerificationResult;
  /** The live grants that cover it. */
  grantIds: string[];
}
