import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CredentialRecord } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { employerApi } from '../employer/api.ts';
import { credentialTitle } from '../employer/credential-text.ts';
import { type ConsentGrant, type ConsentState, consentApi, type GrantConsentRequest } from './api.ts';
import { showFieldErrors } from './fieldErrors.ts';

const stateColor: Record<ConsentState, string> = { ACTIVE: 'green', EXPIRED: 'orange', REVOKED: 'red' };

const DEFAULT_DAYS = 90;
const pad = (n: number) => String(n).padStart(2, '0');
/** A local calendar day as `YYYY-MM-DD` (the value of a date input). */
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFromNow = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d;
};
/** The chosen day at this time of day (so the default day is exactly 90 days from now, as the API's default). */
function expiryOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const now = new Date();
  return new Date(y!, m! - 1, d!, now.getHours(), now.getMinutes(), now.getSeconds()).toISOString();
}

interface GrantForm {
  employerId?: string;
  scope: GrantConsentRequest['scope'];
  credentialIds?: string[];
  purpose?: string;
  expiresAt?: string;
  revealIdentity: boolean;
}
const formFields = [
  'employerId',
  'scope',
  'credentialIds',
  'purpose',
  'expiresAt',
  'revealIdentity',
] as const;

/**
 * A learner's consents to employers (issue 6): their grants with state and revocation, and the
 * form to grant an employer access to all or chosen certificates, for a purpose, until an expiry.
 * Only the learner themself may grant (the API refuses anyone else, the regulator too).
 */
export function ConsentsPage() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const learnerId = principal?.learnerId ?? null;
  const credentials = useQuery({
    queryKey: ['wallet', learnerId],
    queryFn: () => api.learnerCredentials(learnerId!),
    enabled: learnerId !== null,
  });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('consent.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('consent.intro')}</Typography.Paragraph>
      </div>
      {learnerId === null ? (
        <Alert type="info" showIcon title={t('consent.noLearner')} />
      ) : (
        <>
          {credentials.isError && <ErrorAlert error={credentials.error} />}
          <GrantsCard learnerId={learnerId} credentials={credentials.data?.items ?? []} />
          <GrantFormCard learnerId={learnerId} credentials={credentials.data?.items} />
        </>
      )}
    </Flex>
  );
}

function GrantsCard({ learnerId, credentials }: { learnerId: string; credentials: CredentialRecord[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const grants = useQuery({
    queryKey: ['consents', learnerId],
    queryFn: () => consentApi.consents(learnerId),
  });
  const revoke = useMutation({
    mutationFn: (grant: ConsentGrant) => consentApi.revoke(grant.id),
    onSuccess: async (grant) => {
      void message.success(t('consent.revoked', { employer: employerName(grant, en) }));
      await queryClient.invalidateQueries({ queryKey: ['consents', learnerId] });
    },
  });
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('consent.list')}</h2>}>
      {grants.isError && <ErrorAlert error={grants.error} />}
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <Table<ConsentGrant>
        data-testid="consent-list"
        rowKey="id"
        size="small"
        loading={grants.isLoading}
        dataSource={grants.data?.items ?? []}
        locale={{ emptyText: <span data-testid="consents-empty">{t('consent.empty')}</span> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('consent.employer'),
            key: 'employer',
            render: (_, g) => (
              <Flex vertical>
                <span>{employerName(g, en)}</span>
                <Typography.Text type="secondary">{g.employer.code}</Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('consent.certificates'),
            key: 'scope',
            render: (_, g) =>
              g.scope === 'ALL' ? (
                <Tag color="blue">{t('consent.scopes.ALL')}</Tag>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="consent-certificates">
                  {g.credentialIds.map((id) => {
                    const c = byId.get(id);
                    return (
                      <li key={id}>
                        {c ? (
                          <>
                            <span>{c.certificateNumber ?? c.id}</span>
                            {c.level !== null && ` · ${t(`consent.levels.${c.level}`)}`}
                            <br />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {credentialTitle(c, en)}
                            </Typography.Text>
                          </>
                        ) : (
                          id
                        )}
                      </li>
                    );
                  })}
                </ul>
              ),
          },
          { title: t('consent.purpose'), dataIndex: 'purpose' },
          {
            title: t('consent.identity'),
            dataIndex: 'revealIdentity',
            render: (revealed: boolean) => (revealed ? t('consent.revealed') : t('consent.masked')),
          },
          { title: t('consent.grantedAt'), dataIndex: 'grantedAt', render: when },
          { title: t('consent.expiresAt'), dataIndex: 'expiresAt', render: when },
          {
            title: t('consent.state'),
            dataIndex: 'state',
            render: (state: ConsentState, g) => (
              <Flex vertical align="start">
                <Tag color={stateColor[state]} data-testid="consent-state" data-state={state}>
                  {t(`consent.states.${state}`)}
                </Tag>
                {g.revokedAt && (
                  <Typography.Text type="secondary">
                    {t('consent.revokedAt', { at: when(g.revokedAt) })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('consent.actions'),
            key: 'actions',
            render: (_, g) =>
              g.state === 'ACTIVE' ? (
                <Popconfirm
                  title={t('consent.revokeConfirm', { employer: employerName(g, en) })}
                  okText={t('consent.revokeOk')}
                  cancelText={t('consent.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(g)}
                >
                  <Button
                    danger
                    size="small"
                    aria-label={t('consent.revokeLabel', { employer: employerName(g, en) })}
                  >
                    {t('consent.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

const employerName = (g: ConsentGrant, en: boolean) => (en ? g.employer.nameEn : g.employer.nameZh);

function GrantFormCard({
  learnerId,
  credentials,
}: {
  learnerId: string;
  credentials: CredentialRecord[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const scope = Form.useWatch('scope', form);
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<unknown>(null);
  const employers = useQuery({ queryKey: ['employers'], queryFn: employerApi.employers, staleTime: 300_000 });
  const grant = useMutation({
    mutationFn: (body: GrantConsentRequest) => consentApi.grant(learnerId, body),
    onSuccess: async (g) => {
      form.resetFields();
      void message.success(t('consent.granted', { employer: employerName(g, en) }));
      await queryClient.invalidateQueries({ queryKey: ['consents', learnerId] });
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, formFields, i18n.language)) setFormError(e);
    },
  });
  const required = (field: keyof GrantForm) => [
    { required: true, whitespace: true, message: t(`consent.required.${field}`) },
  ];

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('consent.form')}</h2>}>
      <Typography.Paragraph type="secondary">{t('consent.formIntro')}</Typography.Paragraph>
      <Form<GrantForm>
        form={form}
        name="consent"
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          scope: 'SELECTED',
          credentialIds: [],
          expiresAt: dayOf(daysFromNow(DEFAULT_DAYS)),
          revealIdentity: false,
        }}
        onFinish={(v) => {
          setFormError(null);
          grant.mutate({
            employerId: v.employerId!,
            scope: v.scope,
            ...(v.scope === 'SELECTED' ? { credentialIds: v.credentialIds ?? [] } : {}),
            purpose: v.purpose!.trim(),
            expiresAt: expiryOf(v.expiresAt!),
            revealIdentity: v.revealIdentity,
          });
        }}
      >
        <Form.Item name="employerId" label={t('consent.employer')} rules={required('employerId')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('consent.employerPlaceholder')}
            loading={employers.isLoading}
            options={(employers.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${en ? e.nameEn : e.nameZh} (${e.code})`,
            }))}
          />
        </Form.Item>
        {employers.isError && <ErrorAlert error={employers.error} />}
        <Form.Item name="scope" label={t('consent.scope')}>
          <Radio.Group
            aria-label={t('consent.scope')}
            options={[
              { value: 'SELECTED', label: t('consent.scopeSelected') },
              { value: 'ALL', label: t('consent.scopeAll') },
            ]}
          />
        </Form.Item>
        {scope !== 'ALL' &&
          (credentials?.length === 0 ? (
            <Form.Item label={t('consent.certificates')}>
              <Typography.Text type="secondary">{t('consent.noCredentials')}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name="credentialIds"
              label={t('consent.certificates')}
              rules={[
                { type: 'array', min: 1, required: true, message: t('consent.required.credentialIds') },
              ]}
            >
              <Checkbox.Group aria-label={t('consent.certificates')} style={{ flexDirection: 'column' }}>
                {(credentials ?? []).map((c) => (
                  <Checkbox key={c.id} value={c.id}>
                    {credentialTitle(c, en)} · {c.certificateNumber ?? c.id}
                    {c.level !== null ? ` · ${t(`consent.levels.${c.level}`)}` : ''}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          ))}
        <Form.Item name="purpose" label={t('consent.purpose')} rules={required('purpose')}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('consent.purposePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="expiresAt"
          label={t('consent.expiresAt')}
          extra={t('consent.expiryHelp')}
          rules={required('expiresAt')}
        >
          <Input type="date" min={dayOf(daysFromNow(1))} style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.Item
          name="revealIdentity"
          label={t('consent.revealIdentity')}
          valuePropName="checked"
          extra={<span id="consent-reveal-help">{t('consent.revealHelp')}</span>}
        >
          <Switch aria-describedby="consent-reveal-help" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('consent.submit')}
        </Button>
      </Form>
      {formError !== null && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={formError} />
        </div>
      )}
    </Card>
  );
}
