import { randomBytes } from 'node:crypto';
import type { Role } from '@onex/core';
import type { Database } from '@onex/db';
import { createAccount, type NewAccount, type SessionAuth } from './better-auth.ts';

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  /** What the account belongs to, for the person reading the list. */
  of: string;
}

/**
 * One account per role over the demo data, with random passwords, made once: when no account
 * exists yet. Returns the accounts made (empty on every later start).
 */
export async function seedDemoAccounts(database: Database, sessions: SessionAuth): Promise<DemoAccount[]> {
  const db = database.db;
  const employer = await db
    .selectFrom('employer')
    .select(['id', 'code', 'name_zh'])
    .orderBy('code')
    .executeTakeFirst();
  if (await db.selectFrom('auth_user').select('id').limit(1).executeTakeFirst()) {
    if (employer) await adoptDemoEmployer(database, employer);
    return [];
  }
  const teo = await db
    .selectFrom('teo')
    .select(['id', 'code', 'name_zh'])
    .where('status', '=', 'APPROVED')
    .orderBy('code')
    .executeTakeFirst();
  const learner = await db
    .selectFrom('learner as l')
    .innerJoin('institution as i', 'i.id', 'l.institution_id')
    .select(['l.id', 'l.name_zh', 'i.id as institution_id', 'i.code', 'i.name_zh as institution_name'])
    .orderBy('i.code')
    .orderBy('l.id')
    .executeTakeFirst();
  if (!teo || !learner) return [];
  const plan: (Omit<DemoAccount, 'password'> & Pick<NewAccount, 'orgKind' | 'orgId' | 'learnerId'>)[] = [
    {
      email: 'regulator@demo.onex',
      role: 'REGULATOR_ADMIN',
      of: '教育部 (MOE)',
      orgKind: 'REGULATOR',
      orgId: 'MOE',
      learnerId: null,
    },
    {
      email: 'teo-admin@demo.onex',
      role: 'TEO_ADMIN',
      of: `${teo.name_zh} (${teo.code})`,
      orgKind: 'TEO',
      orgId: teo.id,
      learnerId: null,
    },
    {
      email: 'assessor@demo.onex',
      role: 'ASSESSOR',
      of: `${teo.name_zh} (${teo.code})`,
      orgKind: 'TEO',
      orgId: teo.id,
      learnerId: null,
    },
    {
      email: 'college-admin@demo.onex',
      role: 'INSTITUTION_ADMIN',
      of: `${learner.institution_name} (${learner.code})`,
      orgKind: 'INSTITUTION',
      orgId: learner.institution_id,
      learnerId: null,
    },
    {
      email: 'teacher@demo.onex',
      role: 'TEACHER',
      of: `${learner.institution_name} (${learner.code})`,
      orgKind: 'INSTITUTION',
      orgId: learner.institution_id,
      learnerId: null,
    },
    {
      email: 'learner@demo.onex',
      role: 'LEARNER',
      of: `${learner.name_zh} (${learner.id})`,
      orgKind: null,
      orgId: null,
      learnerId: learner.id,
    },
    {
      email: DEMO_HR_EMAIL,
      role: 'EMPLOYER_HR',
      // The first demo employer (migration 0010; the demo seeds them); a placeholder before then.
      of: employer ? `${employer.name_zh} (${employer.code})` : '示例用人单位 (EMP-DEMO)',
      orgKind: 'EMPLOYER',
      orgId: employer?.id ?? 'EMP-DEMO',
      learnerId: null,
    },
  ];
  const made: DemoAccount[] = [];
  for (const p of plan) {
    const password = randomBytes(12).toString('base64url');
    await createAccount(sessions, {
      email: p.email,
      name: p.of,
      password,
      role: p.role,
      orgKind: p.orgKind,
      orgId: p.orgId,
      learnerId: p.learnerId,
    });
    made.push({ email: p.email, password, role: p.role, of: p.of });
  }
  return made;
}

const DEMO_HR_EMAIL = 'hr@demo.onex';

/**
 * Databases seeded before employers existed gave the demo HR account a placeholder organization
 * (`EMP-DEMO`); once an employer exists, that account belongs to the first one.
 */
async function adoptDemoEmployer(
  database: Database,
  employer: { id: string; code: string; name_zh: string },
): Promise<void> {
  const db = database.db;
  const hr = await db
    .selectFrom('auth_user')
    .select(['id', 'org_id'])
    .where('email', '=', DEMO_HR_EMAIL)
    .where('role', '=', 'EMPLOYER_HR')
    .executeTakeFirst();
  if (!hr) return;
  const real = await db
    .selectFrom('employer')
    .select('id')
    .where('id', '=', hr.org_id ?? '')
    .executeTakeFirst();
  if (real) return;
  await db
    .updateTable('auth_user')
    .set({ org_id: employer.id, name: `${employer.name_zh} (${employer.code})` })
    .where('id', '=', hr.id)
    .execute();
}
