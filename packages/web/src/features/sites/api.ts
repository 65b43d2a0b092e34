import type {
  approveSiteRequestSchema,
  createSiteRequestSchema,
  institutionSchema,
  siteSchema,
  siteTransitionRequestSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { enc, query, request } from '../../api/client.ts';

// Wire types inferred from the API's own zod schemas (type-only: nothing of zod reaches the bundle).
export type Site = z.infer<typeof siteSchema>;
export type SiteStatus = Site['status'];
export type CreateSiteBody = z.infer<typeof createSiteRequestSchema>;
export type ApproveSiteBody = z.infer<typeof approveSiteRequestSchema>;
export type SiteTransitionBody = z.infer<typeof siteTransitionRequestSchema>;
export type Institution = z.infer<typeof institutionSchema>;
/** A province of GB/T 2260 as `/api/v1/reference/provinces` lists it. */
export interface Province {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const sitesApi = {
  sites: (teoId: string) => request<{ items: Site[] }>('GET', `/api/v1/assessment-sites${query({ teoId })}`),
  create: (body: CreateSiteBody) => request<Site>('POST', '/api/v1/assessment-sites', body),
  /** Approves a pending site (or reinstates a suspended one), for the levels it applied for by default. */
  approve: (id: string, body: ApproveSiteBody) =>
    request<Site>('POST', `/api/v1/assessment-sites/${enc(id)}/approve`, body),
  transition: (id: string, body: SiteTransitionBody) =>
    request<Site>('POST', `/api/v1/assessment-sites/${enc(id)}/status`, body),
  institutions: () => request<{ items: Institution[] }>('GET', '/api/v1/institutions'),
  provinces: () => request<{ items: Province[] }>('GET', '/api/v1/reference/provinces'),
};
