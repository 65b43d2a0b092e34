import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type AuditEntry, type AuditFilters, adminApi } from './api.ts';

const PAGE_SIZES = [20, 50, 100];

/** Routes with a name for people (`admin.actions.*`); others show as their route only. */
const actionKeys: Record<string, string> = {
  'POST /api/v1/auth/sign-in': 'signIn',
  'POST /api/v1/auth/sign-out': 'signOut',
  'POST /api/v1/teos': 'teoApply',
  'POST /api/v1/teos/:id/transitions': 'teoTransition',
  'POST /api/v1/certificates': 'certificateCreate',
  'POST /api/v1/certificates/:id/transitions': 'certificateTransition',
  'POST /api/v1/accounts': 'accountCreate',
  'POST /api/v1/api-keys': 'apiKeyCreate',
  'POST /api/v1/api-keys/:id/revoke': 'apiKeyRevoke',
  'POST /api/v1/credit-accounts/:learnerId/apply': 'creditsApply',
  'POST /api/v1/credit-accounts/:learnerId/clr': 'creditsClr',
  'POST /api/v1/conversion-rules': 'conversionRule',
  'POST /api/v1/assessment-sessions/:id/publish': 'resultsPublish',
  'POST /api/v1/assessment-sessions/:id/issuance': 'issuance',
};

/** Who the actor ids of the log are: the organization's accounts and API keys, and the admin token. */
function useActors() {
  const accounts = useQuery({
    queryKey: ['admin', 'accounts'],
    queryFn: async () => {
      try {
        return (await adminApi.accounts()).items;
      } catch (e) {
        // Without cookie sessions the instance has no accounts route: keys and the token remain.
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
  });
  const keys = useQuery({ queryKey: ['admin', 'api-keys'], queryFn: adminApi.apiKeys });
  const names = new Map<string, string>();
  for (const a of accounts.data ?? [])
    names.set(a.id, a.name === a.email ? a.email : `${a.name} <${a.email}>`);
  for (const k of keys.data?.items ?? []) names.set(k.id, `${k.name} (${k.prefix}…)`);
  return names;
}

/** The audit log: filters, newest first in pages, and the CSV export of what the filters select. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const isRegulator = principal?.role === 'REGULATOR_ADMIN';
  const ids = {
    actor: useId(),
    action: useId(),
    target: useId(),
    org: useId(),
    from: useId(),
    to: useId(),
    size: useId(),
  };
  const actors = useActors();
  const [draft, setDraft] = useState<AuditFilters>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  // The cursor of each page seen so far: page i starts after cursors[i] (undefined: the newest).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const log = useQuery({
    queryKey: ['admin', 'audit', filters, pageSize, cursors[page]],
    // One more than a page tells whether an older page exists.
    queryFn: () => adminApi.audit(filters, { limit: pageSize + 1, afterId: cursors[page] }),
    placeholderData: keepPreviousData,
  });
  const rows = log.data?.items.slice(0, pageSize) ?? [];
  const hasOlder = (log.data?.items.length ?? 0) > pageSize;
  const exportCsv = useMutation({
    mutationFn: () => download(adminApi.auditCsvPath(filters), 'audit-log.csv'),
  });
  const set = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (next: AuditFilters) => {
    setFilters(next);
    setCursors([undefined]);
  };
  const actorOptions = [
    ...[...actors].map(([value, label]) => ({ value, label })),
    { value: 'admin-token', label: t('admin.via.admin-token') },
  ];

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('admin.time'),
      key: 'at',
      width: 170,
      render: (_, e) => new Date(e.at).toLocaleString(i18n.language),
    },
    {
      title: t('admin.actor'),
      key: 'actor',
      render: (_, e) => (
        <Flex vertical gap={2}>
          <span data-testid="audit-actor">
            {e.actorId === 'admin-token' ? t('admin.via.admin-token') : (actors.get(e.actorId) ?? e.actorId)}
          </span>
          <span>
            <Tag bordered={false}>{t(`admin.via.${e.actorVia}`)}</Tag>
            {e.role && <Tag bordered={false}>{t(`auth.roles.${e.role}`)}</Tag>}
          </span>
        </Flex>
      ),
    },
    {
      title: t('admin.org'),
      key: 'org',
      render: (_, e) =>
        e.orgId ? (
          <span data-testid="audit-org">
            {e.orgKind && <Tag bordered={false}>{t(`admin.orgKinds.${e.orgKind}`)}</Tag>}
            {e.orgId}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('admin.actionCol'),
      key: 'action',
      render: (_, e) => (
        <Flex vertical gap={2} data-testid="audit-action">
          {actionKeys[e.action] && <span>{t(`admin.actions.${actionKeys[e.action]}`)}</span>}
          <Typography.Text code style={{ fontSize: 12 }}>
            {e.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('admin.targetCol'),
      key: 'target',
      render: (_, e) => (
        <Flex vertical gap={2}>
          <span data-testid="audit-target">{e.target || '—'}</span>
          {actors.has(e.target) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {actors.get(e.target)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('admin.status'), dataIndex: 'statusCode', width: 70 },
    {
      title: t('admin.requestId'),
      dataIndex: 'requestId',
      render: (id: string) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {id}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('admin.auditTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.auditIntro')}</Typography.Paragraph>
      </div>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('admin.filters')}</h2>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Flex gap={16} wrap align="end">
            <Field id={ids.actor} label={t('admin.actor')}>
              <Select
                id={ids.actor}
                style={{ width: 260 }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('admin.anyActor')}
                value={draft.actorId}
                onChange={(v: string | undefined) => set({ actorId: v })}
                options={actorOptions}
              />
            </Field>
            <Field id={ids.action} label={t('admin.action')}>
              <Input
                id={ids.action}
                style={{ width: 220 }}
                placeholder={t('admin.actionPlaceholder')}
                value={draft.action ?? ''}
                onChange={(e) => set({ action: e.target.value })}
              />
            </Field>
            <Field id={ids.target} label={t('admin.target')}>
              <Input
                id={ids.target}
                style={{ width: 200 }}
                value={draft.target ?? ''}
                onChange={(e) => set({ target: e.target.value })}
              />
            </Field>
            {isRegulator && (
              <Field id={ids.org} label={t('admin.organization')}>
                <Input
                  id={ids.org}
                  style={{ width: 180 }}
                  value={draft.orgId ?? ''}
                  onChange={(e) => set({ orgId: e.target.value })}
                />
              </Field>
            )}
            <Field id={ids.from} label={t('admin.from')}>
              <Input
                id={ids.from}
                type="date"
                value={draft.fromDay ?? ''}
                onChange={(e) => set({ fromDay: e.target.value })}
              />
            </Field>
            <Field id={ids.to} label={t('admin.to')}>
              <Input
                id={ids.to}
                type="date"
                value={draft.toDay ?? ''}
                onChange={(e) => set({ toDay: e.target.value })}
              />
            </Field>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('admin.apply')}
              </Button>
              <Button
                onClick={() => {
                  setDraft({});
                  apply({});
                }}
              >
                {t('admin.reset')}
              </Button>
            </Space>
          </Flex>
        </form>
      </Card>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Space wrap>
          <Button loading={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
            {t('admin.exportCsv')}
          </Button>
          <Typography.Text type="secondary">{t('admin.exportNote')}</Typography.Text>
        </Space>
        <Space>
          <label htmlFor={ids.size}>{t('admin.pageSize')}</label>
          <Select
            id={ids.size}
            style={{ width: 90 }}
            value={pageSize}
            onChange={(v: number) => {
              setPageSize(v);
              setCursors([undefined]);
            }}
            options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
          />
        </Space>
      </Flex>
      {exportCsv.isError && <ErrorAlert error={exportCsv.error} />}
      {log.isError && <ErrorAlert error={log.error} />}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={rows}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('admin.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <Flex gap={8} align="center" justify="end">
        <Button disabled={page === 0} onClick={() => setCursors([undefined])}>
          {t('admin.first')}
        </Button>
        <Button disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('admin.newer')}
        </Button>
        <Typography.Text data-testid="audit-page">{t('admin.page', { page: page + 1 })}</Typography.Text>
        <Button disabled={!hasOlder} onClick={() => setCursors((c) => [...c, rows.at(-1)!.id])}>
          {t('admin.older')}
        </Button>
      </Flex>
    </Flex>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}
