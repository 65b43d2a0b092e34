import type {
  candidateModuleSchema,
  closestLevelsSchema,
  coverageReportSchema,
  optimizePlanSchema,
  optimizeRequestSchema,
  planCheckSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { enc, fileToBase64, request } from '../../api/client.ts';

export type CoverageReport = z.infer<typeof coverageReportSchema>;
export type RequirementRow = CoverageReport['requirements'][number];
export type CoverageSummary = CoverageReport['summary'];
export type PlanCheck = z.infer<typeof planCheckSchema>;
export type ClosestLevels = z.infer<typeof closestLevelsSchema>['items'];
export type OptimizePlan = z.infer<typeof optimizePlanSchema>;
export type OptimizeRequest = z.infer<typeof optimizeRequestSchema>;
export type CandidateModule = z.infer<typeof candidateModuleSchema>;

/** A programme × certificate level, the key of every curriculum route. */
export interface CurriculumTarget {
  programmeId: string;
  certificate: string;
  level: string;
}

const base = ({ programmeId, certificate, level }: CurriculumTarget) =>
  `/api/v1/programmes/${enc(programmeId)}/curriculum/${enc(certificate)}/${enc(level)}`;

export const curriculumApi = {
  coverage: (t: CurriculumTarget) => request<CoverageReport>('GET', `${base(t)}/coverage`),
  /** Replaces the level's mappings by the CSV file's rows (all or none); answers the new coverage. */
  importMappings: async (t: CurriculumTarget, file: Blob) =>
    request<CoverageReport>('POST', `${base(t)}/mappings-import`, { base64: await fileToBase64(file) }),
  optimize: (t: CurriculumTarget, body: OptimizeRequest) =>
    request<OptimizePlan>('POST', `${base(t)}/optimize`, body),
  planCheck: (programmeId: string) =>
    request<PlanCheck>('GET', `/api/v1/programmes/${enc(programmeId)}/plan-check`),
  closestLevels: (institutionId: string) =>
    request<{ items: ClosestLevels }>('GET', `/api/v1/institutions/${enc(institutionId)}/closest-levels`),
};

export const curriculumLinks = {
  mappingsCsv: (t: CurriculumTarget) => `${base(t)}/mappings.csv`,
  /** The curriculum page of the web application for a programme and a certificate level. */
  page: (programmeId: string, certificate: string, level: number | string) =>
    `/institution/programmes/${enc(programmeId)}/curriculum/${enc(certificate)}/${enc(String(level))}`,
};
