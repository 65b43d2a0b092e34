import type { candidateCredentialsSchema, candidateSchema, employerSchema } from '@onex/contracts';
import type { z } from 'zod';
import { enc, request } from '../../api/client.ts';

export type Employer = z.infer<typeof employerSchema>;
export type Candidate = z.infer<typeof candidateSchema>;
export type CandidateCredentials = z.infer<typeof candidateCredentialsSchema>;
export type CandidateCredential = CandidateCredentials['items'][number];

/**
 * The employer directory, and an employer's consenting candidates with the credentials their live
 * grants cover, each verified as it is served (issue 6).
 */
export const employerApi = {
  employers: () => request<{ items: Employer[] }>('GET', '/api/v1/employers'),
  candidates: (employerId: string) =>
    request<{ items: Candidate[] }>('GET', `/api/v1/employers/${enc(employerId)}/candidates`),
  candidateCredentials: (employerId: string, learnerId: string) =>
    request<CandidateCredentials>(
      'GET',
      `/api/v1/employers/${enc(employerId)}/candidates/${enc(learnerId)}/credentials`,
    ),
};
