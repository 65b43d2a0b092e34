import type {
  certificateSchema,
  createStandardRequestSchema,
  skillNodeSchema,
  skillStandardSchema,
  skillStandardTreeSchema,
  skillStandardWithNodesSchema,
  standardDiffSchema,
  teoSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { enc, query, request } from '../../api/client.ts';

// Wire types inferred from the API's own zod schemas (type-only: nothing of zod reaches the bundle).
export type Teo = z.infer<typeof teoSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
export type SkillStandard = z.infer<typeof skillStandardSchema>;
export type SkillStandardWithNodes = z.infer<typeof skillStandardWithNodesSchema>;
export type SkillNode = z.infer<typeof skillNodeSchema>;
export type StandardTree = z.infer<typeof skillStandardTreeSchema>;
export type CreateStandardBody = z.infer<typeof createStandardRequestSchema>;
export type StandardDiff = z.infer<typeof standardDiffSchema>;
export type LevelCode = SkillNode['level'];

export const standardsApi = {
  teos: () => request<{ items: Teo[] }>('GET', '/api/v1/teos'),
  certificates: (teoId: string) =>
    request<{ items: Certificate[] }>('GET', `/api/v1/certificates${query({ teoId })}`),
  certificate: (id: string) => request<Certificate>('GET', `/api/v1/certificates/${enc(id)}`),
  versions: (certificateId: string) =>
    request<{ items: SkillStandard[] }>('GET', `/api/v1/certificates/${enc(certificateId)}/standards`),
  standard: (id: string) => request<SkillStandardWithNodes>('GET', `/api/v1/standards/${enc(id)}`),
  /** A new DRAFT version: the whole tree, optionally naming the version it was based on. */
  createVersion: (certificateId: string, body: CreateStandardBody) =>
    request<SkillStandardWithNodes>('POST', `/api/v1/certificates/${enc(certificateId)}/standards`, body),
  /** Replaces a draft's tree; the API validates it and names every bad field. */
  saveDraft: (id: string, tree: StandardTree) =>
    request<SkillStandardWithNodes>('PUT', `/api/v1/standards/${enc(id)}`, tree),
  publish: (id: string) => request<SkillStandardWithNodes>('POST', `/api/v1/standards/${enc(id)}/publish`),
  diff: (fromId: string, toId: string) =>
    request<StandardDiff>('GET', `/api/v1/standards/${enc(toId)}/diff${query({ from: fromId })}`),
};
