import type {
  accountSchema,
  credentialRecordSchema,
  importReportSchema,
  issuanceJobSchema,
  Problem,
  principalSchema,
  resultSchema,
  sessionSchema,
  verifyCredentialResponseSchema,
} from '@onex/contracts';
import type { z } from 'zod';

// The wire types are inferred from the zod schemas of @onex/contracts, the same schemas the API
// validates and serialises with: a type-only import, so nothing of zod reaches the bundle.
export type Session = z.infer<typeof sessionSchema>;
export type Result = z.infer<typeof resultSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type IssuanceJob = z.infer<typeof issuanceJobSchema>;
export type CredentialRecord = z.infer<typeof credentialRecordSchema>;
export type Verification = z.infer<typeof verifyCredentialResponseSchema>;
export type Check = Verification['checks'][number];
export type Principal = z.infer<typeof principalSchema>;
export type Role = Principal['role'];
export type Account = z.infer<typeof accountSchema>;

/** An error response of the API: its stable code and the message in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
  }
}

const problemOf = (res: Response, data: unknown): Problem =>
  data && typeof data === 'object' && 'code' in data
    ? (data as Problem)
    : { code: `HTTP_${res.status}`, message: res.statusText || `HTTP ${res.status}`, details: {} };

/**
 * One call of the API. The session cookie (HttpOnly, SameSite=Strict) goes with every same-origin
 * request, and the browser's Origin header is what the API's CSRF check reads on writes.
 * `accept` lists error statuses whose body is an answer, not a failure (verification's 422).
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  accept?: number[],
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 204) return null as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok || accept?.includes(res.status)) return data as T;
  throw new ApiError(res.status, problemOf(res, data));
}

/** A query string of the defined values (`?a=1&b=x`), or ''. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

export const enc = encodeURIComponent;

/** Base64 of a file's bytes, for the JSON upload bodies of the API. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export const api = {
  whoami: () => request<Principal>('GET', '/api/v1/auth/session'),
  signIn: (email: string, password: string) =>
    request<{ account: Account }>('POST', '/api/v1/auth/sign-in', { email, password }),
  signOut: () => request<null>('POST', '/api/v1/auth/sign-out'),

  // Verification answers 200 (verified) or 422 (not verified) with the same body.
  verifyCredential: (credential: object | string) =>
    request<Verification>('POST', '/credentials/verify', { verifiableCredential: credential }, [422]),
  verifyPdf: async (file: Blob) =>
    request<Verification>('POST', '/api/v1/verify-pdf', { base64: await fileToBase64(file) }, [422]),
  credential: (id: string) => request<CredentialRecord>('GET', `/api/v1/credentials/${enc(id)}`),

  sessions: () => request<{ items: Session[] }>('GET', '/api/v1/assessment-sessions'),
  session: (id: string) => request<Session>('GET', `/api/v1/assessment-sessions/${enc(id)}`),
  results: (id: string) =>
    request<{ items: Result[] }>('GET', `/api/v1/assessment-sessions/${enc(id)}/results`),
  importResults: async (id: string, file: File, dryRun: boolean) =>
    request<ImportReport>(
      'POST',
      `/api/v1/assessment-sessions/${enc(id)}/results-import${dryRun ? '?dryRun=true' : ''}`,
      {
        format: file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
        base64: await fileToBase64(file),
      },
    ),
  publish: (id: string) => request<Session>('POST', `/api/v1/assessment-sessions/${enc(id)}/publish`),
  startIssuance: (id: string) =>
    request<IssuanceJob>('POST', `/api/v1/assessment-sessions/${enc(id)}/issuance`),
  issuanceJob: (jobId: string) => request<IssuanceJob>('GET', `/api/v1/issuance-jobs/${enc(jobId)}`),

  learnerCredentials: (learnerId: string) =>
    request<{ items: CredentialRecord[] }>('GET', `/api/v1/learners/${enc(learnerId)}/credentials`),
};

/**
 * Downloads an API resource as a file. It is fetched (not linked) so that a refusal shows as a
 * coded error on the page instead of a JSON file saved to disk.
 */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, problemOf(res, await res.json().catch(() => null)));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const links = {
  pdf: (credentialId: string) => `/api/v1/credentials/${enc(credentialId)}/pdf`,
  presentation: (learnerId: string) => `/api/v1/learners/${enc(learnerId)}/presentation`,
  template: (sessionId: string, format: 'csv' | 'xlsx') =>
    `/api/v1/assessment-sessions/${enc(sessionId)}/results-template.${format}`,
  /** The public verification link, as printed in the certificate's QR code. */
  share: (credentialId: string) => `${window.location.origin}/verify?credential=${enc(credentialId)}`,
};
