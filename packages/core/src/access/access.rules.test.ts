import { describe, expect, it } from 'vitest';
import type { Policy, Principal } from './access.model.ts';
import { decideRole, mayGrant, ownsTarget } from './access.rules.ts';

const principal = (p: Partial<Principal>): Principal => ({
  via: 'session',
  actorId: 'u1',
  role: 'TEO_ADMIN',
  orgKind: 'TEO',
  orgId: 'teo_1',
  learnerId: null,
  ...p,
});
const teoOnly: Policy = { roles: ['TEO_ADMIN'] };

describe('access rules', () => {
  it('lets anyone call a public route, signed in or not', () => {
    expect(decideRole({ public: true, why: 'verification' }, null)).toBe('allow');
  });

  it('asks an anonymous caller of a private route to authenticate', () => {
    expect(decideRole(teoOnly, null)).toBe('unauthenticated');
  });

  it('refuses a role the policy does not name, and always allows the regulator admin', () => {
    expect(decideRole(teoOnly, principal({ role: 'TEACHER', orgKind: 'INSTITUTION' }))).toBe('forbidden');
    expect(decideRole(teoOnly, principal({}))).toBe('allow');
    expect(decideRole({ roles: [] }, principal({ role: 'REGULATOR_ADMIN', orgKind: 'REGULATOR' }))).toBe(
      'allow',
    );
  });

  it('confines TEO, institution and learner accounts to what they own', () => {
    const owner = { teoId: 'teo_1', institutionId: 'inst_1', learnerId: 'lrn_1' };
    expect(ownsTarget(principal({}), owner)).toBe(true);
    expect(ownsTarget(principal({ orgId: 'teo_2' }), owner)).toBe(false);
    expect(ownsTarget(principal({ role: 'TEACHER', orgKind: 'INSTITUTION', orgId: 'inst_1' }), owner)).toBe(
      true,
    );
    expect(ownsTarget(principal({ role: 'TEACHER', orgKind: 'INSTITUTION', orgId: 'inst_2' }), owner)).toBe(
      false,
    );
    expect(
      ownsTarget(principal({ role: 'LEARNER', orgKind: null, orgId: null, learnerId: 'lrn_1' }), owner),
    ).toBe(true);
    expect(
      ownsTarget(principal({ role: 'LEARNER', orgKind: null, orgId: null, learnerId: 'lrn_2' }), owner),
    ).toBe(false);
  });

  it('confines an employer to its own employer record', () => {
    const hr = principal({ role: 'EMPLOYER_HR', orgKind: 'EMPLOYER', orgId: 'emp_1' });
    const none = { teoId: null, institutionId: null, learnerId: null };
    expect(ownsTarget(hr, { ...none, employerId: 'emp_1' })).toBe(true);
    expect(ownsTarget(hr, { ...none, employerId: 'emp_2' })).toBe(false);
    expect(ownsTarget(hr, { ...none, learnerId: 'lrn_1', institutionId: 'inst_1' })).toBe(false);
    expect(ownsTarget(principal({ orgId: 'emp_1' }), { ...none, employerId: 'emp_1' })).toBe(false);
  });

  it('never matches a record without an owner of the caller’s kind', () => {
    const owner = { teoId: null, institutionId: null, learnerId: null };
    expect(ownsTarget(principal({ orgId: null }), owner)).toBe(false);
    expect(ownsTarget(principal({ role: 'EMPLOYER_HR', orgKind: 'EMPLOYER', orgId: 'E1' }), owner)).toBe(
      false,
    );
  });
});

describe('granting roles', () => {
  it('lets a TEO admin grant only TEO roles in its own TEO', () => {
    const admin = principal({});
    expect(mayGrant(admin, 'ASSESSOR', 'teo_1')).toBe(true);
    expect(mayGrant(admin, 'ASSESSOR', 'teo_2')).toBe(false);
    expect(mayGrant(admin, 'TEACHER', 'teo_1')).toBe(false);
    expect(mayGrant(admin, 'REGULATOR_ADMIN', 'MOE')).toBe(false);
  });

  it('lets nobody but admins grant roles, and the regulator admin grant any', () => {
    expect(mayGrant(principal({ role: 'ASSESSOR' }), 'ASSESSOR', 'teo_1')).toBe(false);
    expect(mayGrant(principal({ role: 'REGULATOR_ADMIN', orgKind: 'REGULATOR' }), 'TEO_ADMIN', 'teo_9')).toBe(
      true,
    );
  });
});
