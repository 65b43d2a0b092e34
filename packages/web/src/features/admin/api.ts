import type {
  apiKeySchema,
  auditEntrySchema,
  createAccountRequestSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
} from '@onex/contracts';
import type { z } from 'zod';
import { type Account, enc, query, request } from '../../api/client.ts';

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
export type NewAccount = z.infer<typeof createAccountRequestSchema>;
export type NewApiKey = z.infer<typeof createApiKeyRequestSchema>;

/** The audit log's filters (`auditQuerySchema`); dates are whole days of the reader's calendar. */
export interface AuditFilters {
  actorId?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  orgId?: string | undefined;
  /** YYYY-MM-DD, from the start of that day. */
  fromDay?: string | undefined;
  /** YYYY-MM-DD, up to the end of that day. */
  toDay?: string | undefined;
}

/** The start of a local calendar day as an ISO instant (`days` later). */
const dayStart = (day: string, days = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
};

/** The query string of the audit log for these filters, newest first. */
export function auditQuery(
  filters: AuditFilters,
  page: { limit: number; afterId?: number | undefined; format?: 'csv' },
): string {
  return query({
    order: 'desc',
    limit: page.limit,
    afterId: page.afterId,
    format: page.format,
    actorId: filters.actorId?.trim(),
    action: filters.action?.trim(),
    target: filters.target?.trim(),
    orgId: filters.orgId?.trim(),
    from: filters.fromDay ? dayStart(filters.fromDay) : undefined,
    to: filters.toDay ? dayStart(filters.toDay, 1) : undefined,
  });
}

export const adminApi = {
  audit: (filters: AuditFilters, page: { limit: number; afterId?: number | undefined }) =>
    request<{ items: AuditEntry[] }>('GET', `/api/v1/audit-log${auditQuery(filters, page)}`),
  auditCsvPath: (filters: AuditFilters) =>
    `/api/v1/audit-log${auditQuery(filters, { limit: 10_000, format: 'csv' })}`,
  accounts: () => request<{ items: Account[] }>('GET', '/api/v1/accounts'),
  createAccount: (body: NewAccount) => request<Account>('POST', '/api/v1/accounts', body),
  apiKeys: () => request<{ items: ApiKey[] }>('GET', '/api/v1/api-keys'),
  createApiKey: (body: NewApiKey) => request<CreatedApiKey>('POST', '/api/v1/api-keys', body),
  revokeApiKey: (id: string) => request<ApiKey>('POST', `/api/v1/api-keys/${enc(id)}/revoke`),
};
