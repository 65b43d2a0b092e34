import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Check } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { type CandidateCredential, employerApi } from './api.ts';
import { useOwnEmployer } from './CandidatesPage.tsx';
import { credentialTitle, issuerName, verifyLink } from './credential-text.ts';

const checkColor = { passed: 'success', failed: 'error', skipped: 'default' } as const;
const statusColor = { ACTIVE: 'green', SUSPENDED: 'orange', REVOKED: 'red' } as const;

/**
 * One candidate of the employer: who they are as far as their consent discloses, their live
 * consents, and the certificates those cover, each verified by the platform as it is served. A
 * learner without a live consent to this employer is refused (404), like an unknown one.
 */
export function CandidatePage() {
  const { t, i18n } = useTranslation();
  const { learnerId = '' } = useParams();
  const { employerId } = useOwnEmployer();
  const shown = useQuery({
    queryKey: ['candidate', employerId, learnerId],
    queryFn: () => employerApi.candidateCredentials(employerId!, learnerId),
    enabled: employerId !== null && learnerId !== '',
    retry: false,
  });
  const candidate = shown.data?.candidate;
  const day = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/employer/candidates">← {t('employer.back')}</Link>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 8 }}>
          {candidate
            ? t('employer.candidateTitle', { name: candidate.displayName })
            : t('employer.candidate')}
        </Typography.Title>
      </div>
      {employerId === null && <Alert type="info" showIcon title={t('employer.noEmployer')} />}
      {shown.isLoading && <Spin aria-label={t('common.loading')} />}
      {shown.isError && <ErrorAlert error={shown.error} />}
      {candidate && (
        <Descriptions bordered size="small" column={1} data-testid="candidate">
          <Descriptions.Item label={t('employer.name')}>
            <span data-testid="candidate-name">{candidate.displayName}</span>
            {candidate.identityRevealed && (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t('employer.identityRevealed')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.nationalId')}>
            {candidate.nationalIdMasked ?? t('employer.notRevealed')}
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.grants')}>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {candidate.grants.map((g) => (
                <li key={g.id}>
                  {t('employer.grantLine', {
                    purpose: g.purpose,
                    scope: t(`employer.scopes.${g.scope}`),
                    expiresAt: day(g.expiresAt),
                  })}
                </li>
              ))}
            </ul>
          </Descriptions.Item>
        </Descriptions>
      )}
      {shown.data && (
        <section aria-labelledby="candidate-credentials">
          <Typography.Title level={2} id="candidate-credentials" style={{ fontSize: 20 }}>
            {t('employer.credentials')}
          </Typography.Title>
          {shown.data.items.length === 0 ? (
            <Empty description={t('employer.noCredentials')} />
          ) : (
            <Flex vertical gap={16}>
              {shown.data.items.map((item) => (
                <CredentialCard key={item.credential.id} item={item} />
              ))}
            </Flex>
          )}
        </section>
      )}
    </Flex>
  );
}

function CredentialCard({ item }: { item: CandidateCredential }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { credential: c, verification: v } = item;
  const failed = v.checks.filter((x) => x.status === 'failed');
  const number = c.certificateNumber ?? c.id;
  return (
    <Card
      data-testid="candidate-credential"
      data-verified={String(v.verified)}
      title={<h3 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{credentialTitle(c, en)}</h3>}
      extra={
        <Link
          to={verifyLink(c.id)}
          data-testid="verify-link"
          aria-label={t('employer.verifyLinkLabel', { number })}
        >
          {t('employer.verifyLink')}
        </Link>
      }
    >
      <Flex vertical gap={12}>
        <Alert
          type={v.verified ? 'success' : 'error'}
          showIcon
          title={
            <span data-testid="verdict">
              {v.verified ? t('employer.verified') : t('employer.notVerified')}
            </span>
          }
          description={
            v.verified
              ? t('employer.verifiedDesc')
              : t('employer.notVerifiedDesc', { checks: failed.map((x) => x.name).join(', ') })
          }
        />
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('employer.number')}>
            <strong data-testid="credential-number">{number}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.level')}>
            {c.level !== null ? t(`employer.levels.${c.level}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.issuer')}>{issuerName(c, en)}</Descriptions.Item>
          <Descriptions.Item label={t('employer.issuedAt')}>
            {new Date(c.issuedAt).toLocaleString(i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.status')}>
            <Tag color={statusColor[c.status]}>{t(`employer.credentialStatus.${c.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('employer.format')}>{v.format}</Descriptions.Item>
        </Descriptions>
        <Table<Check>
          caption={
            <Typography.Title level={4} style={{ textAlign: 'start', fontSize: 15 }}>
              {t('employer.checks')}
            </Typography.Title>
          }
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={v.checks}
          rowClassName={(x) => `check-${x.status}`}
          columns={[
            { title: t('employer.check'), dataIndex: 'name', render: (name: string) => <code>{name}</code> },
            {
              title: t('employer.result'),
              dataIndex: 'status',
              render: (s: Check['status']) => (
                <Tag color={checkColor[s]} data-testid="check-status">
                  {t(`employer.checkStatus.${s}`)}
                </Tag>
              ),
            },
            {
              title: t('employer.message'),
              key: 'message',
              render: (_, x) => <span lang={en ? 'en' : 'zh-CN'}>{en ? x.message.en : x.message.zh}</span>,
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
