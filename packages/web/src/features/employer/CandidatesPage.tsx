import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { enc } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type Candidate, employerApi } from './api.ts';

/** The signed-in HR account's employer (its organization) and that employer's directory entry. */
export function useOwnEmployer() {
  const { principal } = useSession();
  const employerId = principal?.orgKind === 'EMPLOYER' ? principal.orgId : null;
  const employers = useQuery({ queryKey: ['employers'], queryFn: employerApi.employers, staleTime: 300_000 });
  return { employerId, employer: employers.data?.items.find((e) => e.id === employerId) };
}

/**
 * An employer's candidates (issue 6): the learners with a live consent to it, as far as their
 * consent discloses them (a masked name unless they revealed their identity), with what they
 * shared, why and until when.
 */
export function CandidatesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { employerId, employer } = useOwnEmployer();
  const candidates = useQuery({
    queryKey: ['candidates', employerId],
    queryFn: () => employerApi.candidates(employerId!),
    enabled: employerId !== null,
  });
  const day = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {employer
            ? t('employer.titleOf', { employer: en ? employer.nameEn : employer.nameZh })
            : t('employer.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('employer.intro')}</Typography.Paragraph>
      </div>
      {employerId === null && <Alert type="info" showIcon title={t('employer.noEmployer')} />}
      {candidates.isError && <ErrorAlert error={candidates.error} />}
      {employerId !== null && (
        <Card>
          <Table<Candidate>
            data-testid="candidate-list"
            rowKey="learnerId"
            size="small"
            loading={candidates.isLoading}
            dataSource={candidates.data?.items ?? []}
            locale={{ emptyText: <span data-testid="candidates-empty">{t('employer.empty')}</span> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('employer.candidate'),
                key: 'candidate',
                render: (_, c) => (
                  <Flex vertical align="start">
                    <span data-testid="candidate-name">{c.displayName}</span>
                    {c.identityRevealed && (
                      <>
                        <Tag color="blue">{t('employer.identityRevealed')}</Tag>
                        {c.nationalIdMasked && (
                          <Typography.Text type="secondary">{c.nationalIdMasked}</Typography.Text>
                        )}
                      </>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('employer.credentialCount'),
                dataIndex: 'credentialCount',
                align: 'right',
                render: (n: number) => <span data-testid="candidate-count">{n}</span>,
              },
              {
                title: t('employer.purpose'),
                key: 'purpose',
                render: (_, c) => (
                  <Flex vertical>
                    {c.grants.map((g) => (
                      <span key={g.id}>{g.purpose}</span>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('employer.scope'),
                key: 'scope',
                render: (_, c) => (
                  <Flex vertical align="start" gap={4}>
                    {c.grants.map((g) => (
                      <Tag key={g.id}>{t(`employer.scopes.${g.scope}`)}</Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('employer.grantedAt'),
                key: 'grantedAt',
                render: (_, c) => (
                  <Flex vertical>
                    {c.grants.map((g) => (
                      <span key={g.id}>{day(g.grantedAt)}</span>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('employer.expiresAt'),
                key: 'expiresAt',
                render: (_, c) => (
                  <Flex vertical>
                    {c.grants.map((g) => (
                      <span key={g.id} data-testid="candidate-expiry">
                        {day(g.expiresAt)}
                      </span>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('employer.open'),
                key: 'open',
                render: (_, c) => (
                  <Link
                    to={`/employer/candidates/${enc(c.learnerId)}`}
                    aria-label={t('employer.openLabel', { name: c.displayName })}
                  >
                    {t('employer.open')}
                  </Link>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
