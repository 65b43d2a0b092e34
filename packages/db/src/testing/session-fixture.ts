import { nationalIdCheckChar, type Platform } from '@onex/core';
import { seedAssessmentFixture } from './assessment-fixture.ts';

/**
 * An assessment session with `count` students of a pilot institution registered, scored (all pass)
 * and published: what bulk issuance starts from, for the crash test and the issuance benchmark.
 * Dates are relative to the platform's clock. Returns the session id.
 */
export async function seedPassedSession(
  platform: Platform,
  options: { count: number; prefix?: string; progress?: (done: number) => void },
): Promise<string> {
  const { count, prefix = 'BULK' } = options;
  const fx = await seedAssessmentFixture(platform, prefix);
  await platform.assessment.createPilotAuthorization({
    institutionId: fx.pilotInstitutionId,
    certificateId: fx.certificateId,
    levels: [1],
    year: 2026,
  });
  const site = await platform.assessment.createSite({
    code: `S-${prefix}`,
    nameZh: '考核站点',
    teoId: fx.teoId,
    hostType: 'INSTITUTION',
    hostInstitutionId: fx.pilotInstitutionId,
    capacity: count,
    certificateLevels: [{ certificateId: fx.certificateId, level: 1 }],
  });
  await platform.assessment.approveSite(site.id);
  const now = Date.now();
  const session = await platform.assessment.createSession({
    certificateId: fx.certificateId,
    level: 1,
    standardId: fx.publishedStandardId,
    siteId: site.id,
    date: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
    theoryMode: 'ONLINE',
    practicalMode: 'ON_COMPUTER',
    registrationOpensAt: new Date(now - 86_400_000),
    registrationClosesAt: new Date(now + 86_400_000),
  });
  const CHUNK = 2000;
  for (let i = 0; i < count; i += CHUNK) {
    const learners = await platform.programs.registerLearners(
      Array.from({ length: Math.min(CHUNK, count - i) }, (_, k) => {
        const n = i + k;
        // Synthetic, valid-looking and unique: the birth date and serial are derived from n.
        const first17 = `330106${1900 + Math.floor(n / 10_000)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(Math.floor(n / 336) % 30).padStart(2, '0')}${n % 10}`;
        return {
          kind: 'STUDENT' as const,
          nameZh: `学生${n}`,
          nationalId: first17 + nationalIdCheckChar(first17),
          institutionId: fx.pilotInstitutionId,
        };
      }),
    );
    const outcomes = await platform.assessment.registerMany(
      session.id,
      learners.map((l) => ({ learnerId: l.id })),
    );
    const registrations = outcomes.flatMap((o) => (o.status === 'REGISTERED' ? [o.registration] : []));
    if (registrations.length !== learners.length) {
      throw new Error(
        `registered ${registrations.length} of ${learners.length}: ${JSON.stringify(outcomes.find((o) => o.status === 'REFUSED'))}`,
      );
    }
    await platform.assessment.recordScores(
      session.id,
      registrations.map((r) => ({ registrationId: r.id, theory: 75, practical: 82 })),
    );
    options.progress?.(i + learners.length);
  }
  await platform.assessment.publishResults(session.id);
  return session.id;
}
