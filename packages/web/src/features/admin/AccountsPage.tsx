import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd/es/form/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, ApiError, enc, type Principal, type Role, request } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type ApiKey, adminApi, type CreatedApiKey, type NewAccount, type NewApiKey } from './api.ts';

/** The roles each admin may grant (as `mayGrant` of core/access decides; the API checks again). */
function grantable(principal: Principal | null): Role[] {
  switch (principal?.role) {
    case 'REGULATOR_ADMIN':
      return [
        'REGULATOR_ADMIN',
        'TEO_ADMIN',
        'ASSESSOR',
        'INSTITUTION_ADMIN',
        'TEACHER',
        'LEARNER',
        'EMPLOYER_HR',
      ];
    case 'TEO_ADMIN':
      return ['TEO_ADMIN', 'ASSESSOR'];
    case 'INSTITUTION_ADMIN':
      return ['INSTITUTION_ADMIN', 'TEACHER', 'LEARNER'];
    default:
      return [];
  }
}

/**
 * The API's field errors (`details.issues`, paths like `body.email`) by form field, when every issue
 * names one of `fields`; otherwise null (the error is shown as a whole).
 */
function fieldIssues(error: unknown, fields: readonly string[]): Map<string, string[]> | null {
  if (!(error instanceof ApiError)) return null;
  const issues = error.problem.details.issues ?? [];
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path.replace(/^body\./, '').split('.')[0]!;
    if (!fields.includes(field)) return null;
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return byField.size > 0 ? byField : null;
}

/** Shows the API's field errors under their fields; in Chinese, after the problem's own Chinese summary. */
function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[], lang: string) {
  const byField = fieldIssues(error, fields);
  const zh = lang === 'en' || !(error instanceof ApiError) ? undefined : error.problem.messageZh;
  if (byField)
    form.setFields(
      [...byField].map(([name, errors]) => ({
        name,
        errors: zh ? errors.map((e) => `${zh}：${e}`) : errors,
      })),
    );
}

/** The name of the signed-in admin's own organization (a TEO or a college), else its id. */
function useOwnOrgName(principal: Principal | null): string | null {
  const { i18n } = useTranslation();
  const kind = principal?.orgKind;
  const id = principal?.orgId ?? null;
  const org = useQuery({
    queryKey: ['admin', 'own-org', kind, id],
    queryFn: () =>
      request<{ nameZh: string; nameEn: string }>(
        'GET',
        kind === 'TEO' ? `/api/v1/teos/${enc(id!)}` : `/api/v1/institutions/${enc(id!)}`,
      ),
    enabled: id !== null && (kind === 'TEO' || kind === 'INSTITUTION'),
    staleTime: 300_000,
  });
  if (id === null) return null;
  return org.data ? `${i18n.language === 'en' ? org.data.nameEn : org.data.nameZh} (${id})` : id;
}

/** An organization's accounts and API keys: lists, creation with field errors, revocation. */
export function AccountsPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('admin.accountsTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.accountsIntro')}</Typography.Paragraph>
      </div>
      <ApiKeysCard />
      <AccountsCard />
    </Flex>
  );
}

function AccountsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { principal } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewAccount>();
  const role = Form.useWatch('role', form);
  const isRegulator = principal?.role === 'REGULATOR_ADMIN';
  const ownOrg = useOwnOrgName(principal);
  // The fields on the form now: an issue about another (e.g. the fixed organization) shows as a whole.
  const fields = [
    'email',
    'name',
    'password',
    'role',
    ...(role === 'LEARNER' ? ['learnerId'] : isRegulator && role !== 'REGULATOR_ADMIN' ? ['orgId'] : []),
  ];
  const accounts = useQuery({ queryKey: ['admin', 'accounts'], queryFn: adminApi.accounts });
  const create = useMutation({
    mutationFn: (values: NewAccount) =>
      adminApi.createAccount({
        email: values.email.trim(),
        name: values.name.trim(),
        password: values.password,
        role: values.role,
        ...(values.role === 'LEARNER'
          ? { learnerId: values.learnerId?.trim() }
          : values.role === 'REGULATOR_ADMIN'
            ? {}
            : { orgId: isRegulator ? values.orgId?.trim() : (principal?.orgId ?? undefined) }),
      }),
    onSuccess: async (account) => {
      void message.success(t('admin.accountCreated', { email: account.email }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts'] });
    },
    onError: (error) => showFieldErrors(form, error, fields, i18n.language),
  });

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('admin.accounts')}</h2>}>
      <Flex vertical gap={16}>
        <Form<NewAccount>
          form={form}
          name="account"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => create.mutate(values)}
          style={{ maxWidth: 720 }}
        >
          <Flex gap={16} wrap>
            <Form.Item
              label={t('admin.email')}
              name="email"
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
              style={{ minWidth: 240, flex: 1 }}
            >
              <Input type="email" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('admin.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
              style={{ minWidth: 200, flex: 1 }}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item
              label={t('admin.password')}
              name="password"
              rules={[{ required: true, message: t('admin.required') }]}
              style={{ minWidth: 240, flex: 1 }}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('admin.role')}
              name="role"
              rules={[{ required: true, message: t('admin.required') }]}
              style={{ minWidth: 200, flex: 1 }}
            >
              <Select
                options={grantable(principal).map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))}
              />
            </Form.Item>
          </Flex>
          {role === 'LEARNER' ? (
            <Form.Item
              label={t('admin.learnerId')}
              name="learnerId"
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
            >
              <Input />
            </Form.Item>
          ) : role !== 'REGULATOR_ADMIN' && isRegulator ? (
            <Form.Item
              label={t('admin.orgId')}
              name="orgId"
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
            >
              <Input />
            </Form.Item>
          ) : (
            principal?.orgId && (
              <Typography.Paragraph type="secondary">
                {t('admin.ownOrg', { org: ownOrg })}
              </Typography.Paragraph>
            )
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('admin.createAccount')}
          </Button>
        </Form>
        {create.isError && !fieldIssues(create.error, fields) && <ErrorAlert error={create.error} />}
        {accounts.isError && <ErrorAlert error={accounts.error} />}
        <Table<Account>
          data-testid="accounts-table"
          rowKey="id"
          size="small"
          loading={accounts.isLoading}
          dataSource={accounts.data?.items ?? []}
          locale={{ emptyText: t('admin.noAccounts') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('admin.email'), dataIndex: 'email' },
            { title: t('admin.name'), dataIndex: 'name' },
            { title: t('admin.role'), key: 'role', render: (_, a) => t(`auth.roles.${a.role}`) },
            {
              title: t('admin.org'),
              key: 'org',
              render: (_, a) => a.orgId ?? (a.learnerId ? `${t('admin.learnerId')}: ${a.learnerId}` : '—'),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

function ApiKeysCard() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewApiKey>();
  const role = Form.useWatch('role', form);
  const isRegulator = principal?.role === 'REGULATOR_ADMIN';
  const ownOrg = useOwnOrgName(principal);
  // The secret lives only here, in this page's memory, until it is dismissed.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const fields = ['name', 'role', ...(isRegulator && role !== 'REGULATOR_ADMIN' ? ['orgId'] : [])];
  const keys = useQuery({ queryKey: ['admin', 'api-keys'], queryFn: adminApi.apiKeys });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });
  const create = useMutation({
    mutationFn: (values: NewApiKey) =>
      adminApi.createApiKey({
        name: values.name.trim(),
        role: values.role,
        orgId: isRegulator
          ? values.role === 'REGULATOR_ADMIN'
            ? 'MOE'
            : values.orgId.trim()
          : principal!.orgId!,
      }),
    onSuccess: async (result) => {
      setCreated(result);
      form.resetFields();
      await refresh();
    },
    onError: (error) => showFieldErrors(form, error, fields, i18n.language),
  });
  const revoke = useMutation({ mutationFn: adminApi.revokeApiKey, onSuccess: refresh });
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : t('admin.never'));
  const keyRoles = grantable(principal).filter((r) => r !== 'LEARNER');

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('admin.apiKeys')}</h2>}>
      <Flex vertical gap={16}>
        {created && (
          <Alert
            data-testid="api-key-secret"
            type="warning"
            showIcon
            title={t('admin.secretTitle')}
            description={
              <Flex vertical gap={8}>
                <Typography.Text>{t('admin.secretDesc')}</Typography.Text>
                <Typography.Text code copyable data-testid="api-key-secret-value">
                  {created.secret}
                </Typography.Text>
                <div>
                  <Button size="small" onClick={() => setCreated(null)}>
                    {t('admin.secretSaved')}
                  </Button>
                </div>
              </Flex>
            }
          />
        )}
        <Form<NewApiKey>
          form={form}
          name="api-key"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => create.mutate(values)}
          style={{ maxWidth: 720 }}
        >
          <Flex gap={16} wrap>
            <Form.Item
              label={t('admin.keyName')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
              style={{ minWidth: 240, flex: 1 }}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('admin.role')}
              name="role"
              rules={[{ required: true, message: t('admin.required') }]}
              style={{ minWidth: 200, flex: 1 }}
            >
              <Select options={keyRoles.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))} />
            </Form.Item>
            {isRegulator && role !== 'REGULATOR_ADMIN' && (
              <Form.Item
                label={t('admin.orgId')}
                name="orgId"
                rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
                style={{ minWidth: 200, flex: 1 }}
              >
                <Input />
              </Form.Item>
            )}
          </Flex>
          {!isRegulator && principal?.orgId && (
            <Typography.Paragraph type="secondary">{t('admin.ownOrg', { org: ownOrg })}</Typography.Paragraph>
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('admin.createKey')}
          </Button>
        </Form>
        {create.isError && !fieldIssues(create.error, fields) && <ErrorAlert error={create.error} />}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
        {keys.isError && <ErrorAlert error={keys.error} />}
        <Table<ApiKey>
          data-testid="api-keys-table"
          rowKey="id"
          size="small"
          loading={keys.isLoading}
          dataSource={keys.data?.items ?? []}
          locale={{ emptyText: t('admin.noKeys') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('admin.keyName'), dataIndex: 'name' },
            {
              title: t('admin.prefix'),
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            { title: t('admin.role'), key: 'role', render: (_, k) => t(`auth.roles.${k.role}`) },
            { title: t('admin.org'), key: 'org', render: (_, k) => k.orgId ?? '—' },
            { title: t('admin.createdAt'), key: 'created', render: (_, k) => when(k.createdAt) },
            { title: t('admin.lastUsed'), key: 'used', render: (_, k) => when(k.lastUsedAt) },
            {
              title: t('admin.keyStatus'),
              key: 'status',
              render: (_, k) =>
                k.revokedAt ? (
                  <Tag color="red">{t('admin.revoked')}</Tag>
                ) : (
                  <Tag color="green">{t('admin.active')}</Tag>
                ),
            },
            {
              title: '',
              key: 'revoke',
              render: (_, k) =>
                !k.revokedAt && (
                  <Popconfirm title={t('admin.revokeConfirm')} onConfirm={() => revoke.mutate(k.id)}>
                    <Button size="small" danger aria-label={`${t('admin.revoke')} ${k.name}`}>
                      {t('admin.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
