import type {
  applyReportSchema,
  clrExportResponseSchema,
  creditAccountViewSchema,
  institutionSchema,
  programmeSchema,
  programmeWithCoursesSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { enc, request } from '../../api/client.ts';

export type CreditAccount = z.infer<typeof creditAccountViewSchema>;
export type Outcome = CreditAccount['outcomes'][number];
export type Transaction = CreditAccount['transactions'][number];
export type Exemption = CreditAccount['exemptions'][number];
export type ApplyReport = z.infer<typeof applyReportSchema>;
export type ClrExport = z.infer<typeof clrExportResponseSchema>;
export type Institution = z.infer<typeof institutionSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type ProgrammeWithCourses = z.infer<typeof programmeWithCoursesSchema>;
export type Course = ProgrammeWithCourses['courses'][number];

export const creditsApi = {
  account: (learnerId: string) => request<CreditAccount>('GET', `/api/v1/credit-accounts/${enc(learnerId)}`),
  apply: (learnerId: string) =>
    request<ApplyReport>('POST', `/api/v1/credit-accounts/${enc(learnerId)}/apply`, {}),
  clr: (learnerId: string) => request<ClrExport>('POST', `/api/v1/credit-accounts/${enc(learnerId)}/clr`, {}),
  institution: (id: string) => request<Institution>('GET', `/api/v1/institutions/${enc(id)}`),
  /** Every course of an institution's programmes (public listings), to name exempted courses. */
  courses: async (institutionId: string): Promise<Course[]> => {
    const { items } = await request<{ items: Programme[] }>(
      'GET',
      `/api/v1/institutions/${enc(institutionId)}/programmes`,
    );
    const programmes = await Promise.all(
      items.map((p) => request<ProgrammeWithCourses>('GET', `/api/v1/programmes/${enc(p.id)}`)),
    );
    return programmes.flatMap((p) => p.courses);
  },
};

/** Saves JSON the page already holds (a POST's answer) as a file. */
export function saveJson(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
