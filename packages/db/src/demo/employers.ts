import { type Employer, type IdGenerator, usccCheckChar } from '@onex/core';
import type { Kysely } from 'kysely';
import { EmployersRepository } from '../repositories/employers.repository.ts';
import type { DB } from '../schema.ts';

/**
 * Demo employers (用人单位): made up, like the demo institutions. Their unified social credit codes
 * are well-formed (GB 32100-2015 check character) but put `99` where the GB/T 2260 area code goes,
 * which no real area code starts with, so they can never be a real company's.
 */
const demoEmployers = [
  {
    code: 'SYN-EMP-0001',
    nameZh: '示例数字科技有限公司（示例）',
    nameEn: 'Demo Digital Technology Co., Ltd. (demo)',
    org: '91990100MA0000001',
    provinceCode: '33',
    industryCode: 'I',
  },
  {
    code: 'SYN-EMP-0002',
    nameZh: '示例智能制造有限公司（示例）',
    nameEn: 'Demo Smart Manufacturing Co., Ltd. (demo)',
    org: '91990200MA0000002',
    provinceCode: '44',
    industryCode: 'C',
  },
  {
    code: 'SYN-EMP-0003',
    nameZh: '示例康养服务有限公司（示例）',
    nameEn: 'Demo Health and Elderly Care Services Co., Ltd. (demo)',
    org: '91990300MA0000003',
    provinceCode: '51',
    industryCode: 'Q',
  },
] as const;

/**
 * Writes the demo employers unless some are there already (a database seeded before employers
 * existed gets them on the next `onex demo` or start). Returns how many were written.
 */
export async function seedDemoEmployers(db: Kysely<DB>, ids: IdGenerator, at: Date): Promise<number> {
  const present = await db
    .selectFrom('employer')
    .select('id')
    .where('synthetic', '=', true)
    .where('code', 'like', 'SYN-EMP-%')
    .limit(1)
    .executeTakeFirst();
  if (present) return 0;
  const employers: Employer[] = demoEmployers.map((e) => ({
    id: ids.next('emp'),
    code: e.code,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    uscc: e.org + usccCheckChar(e.org),
    provinceCode: e.provinceCode,
    industryCode: e.industryCode,
    synthetic: true,
    createdAt: at,
  }));
  await new EmployersRepository(db).insertEmployers(employers);
  return employers.length;
}

/** How many demo employers there are. */
export async function countDemoEmployers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('employer')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('synthetic', '=', true)
    .where('code', 'like', 'SYN-EMP-%')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
