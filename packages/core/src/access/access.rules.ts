import type { Owner, Policy, Principal, Role } from './access.model.ts';

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/** True for roles whose reach is limited to their own organization (or, for learners, themself). */
export const isScoped = (role: Role): boolean => role !== 'REGULATOR_ADMIN';

/**
 * Whether `principal` may call a route with `policy`, before its target is looked up. The
 * regulator admin (and the bootstrap admin token) may do everything.
 */
export function decideRole(policy: Policy, principal: Principal | null): Decision {
  if (policy.public) return 'allow';
  if (!principal) return 'unauthenticated';
  if (principal.role === 'REGULATOR_ADMIN') return 'allow';
  return policy.roles.includes(principal.role) ? 'allow' : 'forbidden';
}

/**
 * Whether the owner of a route's target is the principal's own organization (or, for a learner,
 * the learner themself). Requires `decideRole` to have allowed the principal.
 */
export function ownsTarget(principal: Principal, owner: Owner): boolean {
  if (!isScoped(principal.role)) return true;
  switch (principal.orgKind) {
    case 'TEO':
      return owner.teoId !== null && owner.teoId === principal.orgId;
    case 'INSTITUTION':
      return owner.institutionId !== null && owner.institutionId === principal.orgId;
    case null:
      return owner.learnerId !== null && owner.learnerId === principal.learnerId;
    case 'EMPLOYER':
      // An employer owns only its own employer record; what it sees of learners, consent decides.
      return owner.employerId != null && owner.employerId === principal.orgId;
    default:
      return false;
  }
}

/** The id a scoped principal's list queries are confined to, or `undefined` if it cannot be. */
export function ownScopeId(principal: Principal): string | undefined {
  if (principal.orgKind === null) return principal.learnerId ?? undefined;
  return principal.orgId ?? undefined;
}

/** Roles an admin of each organization kind may give to accounts and API keys of that organization. */
const grantable: Partial<Record<Role, readonly Role[]>> = {
  TEO_ADMIN: ['TEO_ADMIN', 'ASSESSOR'],
  INSTITUTION_ADMIN: ['INSTITUTION_ADMIN', 'TEACHER'],
};

/**
 * Whether `principal` may create an account or API key with `role` in organization `orgId`. The
 * regulator admin may grant anything; a TEO or institution admin only its own organization's roles,
 * in its own organization (learner accounts are the institution admin's, checked on the learner).
 */
export function mayGrant(principal: Principal, role: Role, orgId: string | null): boolean {
  if (principal.role === 'REGULATOR_ADMIN') return true;
  if (role === 'LEARNER') return principal.role === 'INSTITUTION_ADMIN';
  return (grantable[principal.role] ?? []).includes(role) && orgId !== null && orgId === principal.orgId;
}
