import type {
  certificateSchema,
  certificateTransitionRequestSchema,
  teoSchema,
  teoTransitionRequestSchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { api, enc, request, type Verification } from '../../api/client.ts';

export type Teo = z.infer<typeof teoSchema>;
export type TeoStatus = Teo['status'];
export type Certificate = z.infer<typeof certificateSchema>;
export type CertificateStatus = Certificate['status'];
export type TeoTransition = z.infer<typeof teoTransitionRequestSchema>;
export type CertificateTransition = z.infer<typeof certificateTransitionRequestSchema>;

/**
 * The lifecycle steps offered per status: the same tables as `teoTransitions` and
 * `certificateTransitions` of core/catalog (the web app may not import core). The API decides;
 * a step it refuses (e.g. a voluntary exit within a year of approval) shows its coded error.
 */
export const teoSteps: Record<TeoStatus, readonly TeoStatus[]> = {
  APPLIED: ['APPROVED', 'REVOKED'],
  APPROVED: ['WARNED', 'RECTIFYING', 'EXITED', 'REVOKED'],
  WARNED: ['APPROVED', 'RECTIFYING', 'EXITED', 'REVOKED'],
  RECTIFYING: ['APPROVED', 'REVOKED'],
  EXITED: [],
  REVOKED: [],
};
export const certificateSteps: Record<CertificateStatus, readonly CertificateStatus[]> = {
  DRAFT: ['PUBLIC_NOTICE', 'EXITED'],
  PUBLIC_NOTICE: ['ACTIVE', 'EXITED'],
  ACTIVE: ['SUSPENDED', 'RESTRICTED', 'EXITED'],
  SUSPENDED: ['ACTIVE', 'EXITED'],
  RESTRICTED: ['ACTIVE', 'EXITED'],
  EXITED: [],
};

/** The trust list credential as `GET /trust-list` serves it (core/credentials/trust-list.ts). */
export interface TrustListCredential {
  id: string;
  type: string[];
  issuer: string | { id: string };
  validFrom: string;
  credentialSubject: {
    issuedAt?: string;
    issuers: {
      did: string;
      code: string;
      nameZh: string;
      nameEn: string;
      accreditedFrom: string;
      accreditedUntil: string | null;
    }[];
    certificates: {
      code: string;
      teoCode: string;
      nameZh: string;
      nameEn: string;
      achievements: { level: 1 | 2 | 3; id: string }[];
    }[];
    institutions?: { did: string; code: string; nameZh: string; nameEn: string }[];
  };
  proof?: { cryptosuite?: string; verificationMethod?: string } | { cryptosuite?: string }[];
}

export const regulatorApi = {
  teos: () => request<{ items: Teo[] }>('GET', '/api/v1/teos'),
  certificates: () => request<{ items: Certificate[] }>('GET', '/api/v1/certificates'),
  transitionTeo: (id: string, body: TeoTransition) =>
    request<Teo>('POST', `/api/v1/teos/${enc(id)}/transitions`, body),
  transitionCertificate: (id: string, body: CertificateTransition) =>
    request<Certificate>('POST', `/api/v1/certificates/${enc(id)}/transitions`, body),
  trustList: () => request<TrustListCredential>('GET', '/trust-list'),
  /** The trust list is a credential: the public verifier checks its shape, proof, key and validity. */
  verifyTrustList: (vc: TrustListCredential): Promise<Verification> => api.verifyCredential(vc),
};
