import type { consentGrantSchema, grantConsentRequestSchema } from '@onex/contracts';
import type { z } from 'zod';
import { enc, request } from '../../api/client.ts';

export type ConsentGrant = z.infer<typeof consentGrantSchema>;
export type ConsentState = ConsentGrant['state'];
export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;

/** A learner's consent grants to employers (issue 6): grant, list, revoke. */
export const consentApi = {
  consents: (learnerId: string) =>
    request<{ items: ConsentGrant[] }>('GET', `/api/v1/learners/${enc(learnerId)}/consents`),
  grant: (learnerId: string, body: GrantConsentRequest) =>
    request<ConsentGrant>('POST', `/api/v1/learners/${enc(learnerId)}/consents`, body),
  revoke: (grantId: string) => request<ConsentGrant>('POST', `/api/v1/consents/${enc(grantId)}/revoke`),
};
