import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import {
  type Course,
  creditsApi,
  type Exemption,
  type Institution,
  type Outcome,
  saveJson,
  type Transaction,
} from './api.ts';

// Keyed by string: the credit bank may add statuses (a declared outcome's review) before this page names them.
const outcomeColor: Record<string, string> = {
  PENDING: 'gold',
  ACCUMULATED: 'blue',
  CONVERTED: 'green',
  WITHDRAWN: 'default',
  REJECTED: 'red',
};
const txColor = { ACCUMULATE: 'blue', EXEMPT: 'green', CREDIT: 'cyan', REVERSE: 'red' } as const;

/** Credits in steps of 0.1, as the ledger keeps them. */
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * A learner's credit bank account: a signed-in learner's own at /learner/credits; college staff
 * open a learner of theirs by id at /learner/credits/:learnerId (the API checks the learner is theirs).
 */
export function CreditAccountPage() {
  const { principal } = useSession();
  const params = useParams();
  const learnerId = params.learnerId ?? principal?.learnerId ?? undefined;
  const isLearner = principal?.role === 'LEARNER';
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [value, setValue] = useState(learnerId ?? '');
  const account = useQuery({
    queryKey: ['credits', learnerId],
    queryFn: () => creditsApi.account(learnerId!),
    enabled: Boolean(learnerId),
  });
  const apply = useMutation({
    mutationFn: () => creditsApi.apply(learnerId!),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['credits', learnerId] }),
  });
  const clr = useMutation({
    mutationFn: () => creditsApi.clr(learnerId!),
    onSuccess: (record) => {
      saveJson(record.verifiableCredential, `clr-${learnerId}.json`);
      void message.success(t('credits.clrDone', { id: record.id }));
    },
  });
  const view = account.data;

  // Names of the colleges and courses the ledger refers to (public listings).
  const institutionIds = [
    ...new Set([
      ...(view?.transactions.map((x) => x.institutionId) ?? []),
      ...(view?.exemptions.map((x) => x.institutionId) ?? []),
    ]),
  ].filter((x): x is string => x !== null);
  const institutions = useQueries({
    queries: institutionIds.map((id) => ({
      queryKey: ['institution', id],
      queryFn: () => creditsApi.institution(id),
      staleTime: 300_000,
    })),
  });
  const courses = useQueries({
    queries: institutionIds.map((id) => ({
      queryKey: ['institution', id, 'courses'],
      queryFn: () => creditsApi.courses(id),
      staleTime: 300_000,
    })),
  });
  const institutionById = new Map<string, Institution>(
    institutions.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])),
  );
  const courseById = new Map<string, Course>(
    courses.flatMap((q) => q.data?.map((c) => [c.id, c] as const) ?? []),
  );
  const institutionName = (id: string | null) => {
    if (!id) return '—';
    const i = institutionById.get(id);
    return i ? (en ? i.nameEn : i.nameZh) : id;
  };
  const courseName = (id: string | null) => {
    if (!id) return '—';
    const c = courseById.get(id);
    return c ? `${en ? (c.nameEn ?? c.nameZh) : c.nameZh} (${c.code})` : id;
  };
  const outcomeById = new Map((view?.outcomes ?? []).map((o) => [o.id, o]));
  const outcomeTitle = (id: string) => {
    const o = outcomeById.get(id);
    return o ? (en ? o.title.en : o.title.zh) : id;
  };
  const sum = (kind: Transaction['kind']) =>
    (view?.transactions ?? []).filter((x) => x.kind === kind).reduce((s, x) => s + x.credits, 0);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('credits.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('credits.intro')}</Typography.Paragraph>
      </div>
      {!isLearner && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) navigate(`/learner/credits/${encodeURIComponent(value.trim())}`);
          }}
        >
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 8 }}>
            {t('credits.learnerLabel')}
          </label>
          <Space.Compact style={{ maxWidth: 480, width: '100%' }}>
            <Input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} />
            <Button type="primary" htmlType="submit">
              {t('credits.open')}
            </Button>
          </Space.Compact>
        </form>
      )}
      {account.isError && <ErrorAlert error={account.error} />}
      {view && (
        <>
          <Card>
            <Flex gap={32} wrap>
              <Statistic
                title={t('credits.balance')}
                value={fmt(view.balance)}
                data-testid="credit-balance"
              />
              <Statistic
                title={t('credits.outcomeCount')}
                value={
                  view.outcomes.filter((o) => o.status === 'ACCUMULATED' || o.status === 'CONVERTED').length
                }
              />
              <Statistic title={t('credits.exemptCount')} value={view.exemptions.length} />
              <Statistic title={t('credits.exemptCredits')} value={fmt(sum('EXEMPT'))} />
              <Statistic title={t('credits.substituted')} value={fmt(sum('CREDIT'))} />
            </Flex>
            <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('credits.accountNo')}>
                <span data-testid="credit-account-no">{view.account.accountNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('credits.openedAt')}>
                {when(view.account.openedAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Space wrap>
            <Button loading={apply.isPending} onClick={() => apply.mutate()}>
              {t('credits.apply')}
            </Button>
            <Button type="primary" loading={clr.isPending} onClick={() => clr.mutate()}>
              {t('credits.clr')}
            </Button>
          </Space>
          {apply.isError && <ErrorAlert error={apply.error} />}
          {clr.isError && <ErrorAlert error={clr.error} />}
          {apply.data && (
            <Alert
              data-testid="apply-report"
              type="success"
              showIcon
              title={t('credits.applyDone', {
                recognised: apply.data.recognised.length,
                transactions: apply.data.transactions.length,
                withdrawn: apply.data.withdrawn.length,
                balance: fmt(apply.data.balance),
              })}
              description={
                apply.data.skipped.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {apply.data.skipped.map((s) => (
                      <li key={`${s.outcomeId}-${s.courseId ?? ''}`}>
                        {t('credits.skipped', { reason: en ? s.reason.en : s.reason.zh })}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('credits.outcomes')}</h2>}>
            <Table<Outcome>
              data-testid="credit-outcomes"
              rowKey="id"
              size="small"
              dataSource={view.outcomes}
              locale={{ emptyText: t('credits.noOutcomes') }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('credits.outcome'),
                  key: 'title',
                  render: (_, o) => (en ? o.title.en : o.title.zh),
                },
                { title: t('credits.kind'), key: 'kind', render: (_, o) => t(`credits.kinds.${o.kind}`) },
                {
                  title: t('credits.certificate'),
                  key: 'cert',
                  render: (_, o) =>
                    o.certificateCode
                      ? `${o.certificateCode}${o.level ? ` · ${t('credits.level', { level: o.level })}` : ''}`
                      : '—',
                },
                {
                  title: t('credits.status'),
                  key: 'status',
                  render: (_, o) => (
                    <Tag color={outcomeColor[o.status] ?? 'default'} data-testid="outcome-status">
                      {t(`credits.statuses.${o.status}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('credits.verification'),
                  key: 'verification',
                  render: (_, o) =>
                    o.verification ? (
                      <Tag color={o.verification.verified ? 'green' : 'red'}>
                        {o.verification.verified ? t('credits.verified') : t('credits.notVerified')}
                      </Tag>
                    ) : (
                      '—'
                    ),
                },
                { title: t('credits.credits'), key: 'credits', render: (_, o) => fmt(o.credits) },
                { title: t('credits.achievedOn'), dataIndex: 'achievedOn' },
                { title: t('credits.recognisedAt'), key: 'at', render: (_, o) => when(o.recognisedAt) },
              ]}
            />
          </Card>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('credits.transactions')}</h2>}>
            <Table<Transaction>
              data-testid="credit-transactions"
              rowKey="id"
              size="small"
              dataSource={view.transactions}
              locale={{ emptyText: t('credits.noTransactions') }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('credits.at'), key: 'at', width: 160, render: (_, x) => when(x.at) },
                {
                  title: t('credits.kind'),
                  key: 'kind',
                  width: 110,
                  render: (_, x) => <Tag color={txColor[x.kind]}>{t(`credits.txKinds.${x.kind}`)}</Tag>,
                },
                {
                  title: t('credits.credits'),
                  key: 'credits',
                  width: 70,
                  render: (_, x) => (x.credits > 0 ? `+${fmt(x.credits)}` : fmt(x.credits)),
                },
                { title: t('credits.course'), key: 'course', render: (_, x) => courseName(x.courseId) },
                {
                  title: t('credits.explanation'),
                  key: 'explanation',
                  render: (_, x) => (
                    <Flex vertical gap={4} data-testid="credit-explanation">
                      <span lang={en ? 'en' : 'zh-CN'}>{en ? x.explanation.en : x.explanation.zh}</span>
                      <Typography.Text type="secondary" lang={en ? 'zh-CN' : 'en'} style={{ fontSize: 12 }}>
                        {en ? x.explanation.zh : x.explanation.en}
                      </Typography.Text>
                    </Flex>
                  ),
                },
              ]}
            />
          </Card>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('credits.exemptions')}</h2>}>
            <Table<Exemption>
              data-testid="credit-exemptions"
              rowKey="transactionId"
              size="small"
              dataSource={view.exemptions}
              locale={{ emptyText: t('credits.noExemptions') }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('credits.course'), key: 'course', render: (_, x) => courseName(x.courseId) },
                {
                  title: t('credits.credits'),
                  key: 'credits',
                  render: (_, x) => {
                    const tx = view.transactions.find((y) => y.id === x.transactionId);
                    return tx ? fmt(tx.credits) : '—';
                  },
                },
                {
                  title: t('credits.institution'),
                  key: 'inst',
                  render: (_, x) => institutionName(x.institutionId),
                },
                {
                  title: t('credits.byOutcome'),
                  key: 'outcome',
                  render: (_, x) => outcomeTitle(x.outcomeId),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
