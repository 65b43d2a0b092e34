import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type CredentialRecord, download, links } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';

const statusColor = { ACTIVE: 'green', SUSPENDED: 'orange', REVOKED: 'red' } as const;

/**
 * A learner's certificates: a signed-in learner's own at /wallet; college staff open a learner of
 * their college by id at /wallet/:learnerId (the API checks that the learner is theirs).
 */
export function WalletPage() {
  const { principal } = useSession();
  const params = useParams();
  const learnerId = params.learnerId ?? principal?.learnerId ?? undefined;
  const isLearner = principal?.role === 'LEARNER';
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputId = useId();
  const [value, setValue] = useState(learnerId ?? '');
  const presentation = useMutation({
    mutationFn: () => download(links.presentation(learnerId!), `presentation-${learnerId}.json`),
  });
  const credentials = useQuery({
    queryKey: ['wallet', learnerId],
    queryFn: () => api.learnerCredentials(learnerId!),
    enabled: Boolean(learnerId),
  });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('wallet.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('wallet.intro')}</Typography.Paragraph>
      </div>
      {!isLearner && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) navigate(`/wallet/${encodeURIComponent(value.trim())}`);
          }}
        >
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 8 }}>
            {t('wallet.learnerLabel')}
          </label>
          <Space.Compact style={{ maxWidth: 480, width: '100%' }}>
            <Input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} />
            <Button type="primary" htmlType="submit">
              {t('wallet.open')}
            </Button>
          </Space.Compact>
        </form>
      )}
      {credentials.isError && <ErrorAlert error={credentials.error} />}
      {presentation.isError && <ErrorAlert error={presentation.error} />}
      {learnerId && credentials.data && (
        <>
          <div>
            <Button loading={presentation.isPending} onClick={() => presentation.mutate()}>
              {t('wallet.presentation')}
            </Button>
          </div>
          {credentials.data.items.length === 0 ? (
            <Empty description={t('wallet.empty')} />
          ) : (
            <List
              grid={{ gutter: 16, xs: 1, md: 2 }}
              dataSource={credentials.data.items}
              renderItem={(c) => (
                <List.Item>
                  <CredentialCard credential={c} />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Flex>
  );
}

function CredentialCard({ credential: c }: { credential: CredentialRecord }) {
  const { t, i18n } = useTranslation();
  const name = typeof c.document.name === 'string' ? c.document.name : (c.certificateCode ?? c.id);
  const share = links.share(c.id);
  return (
    <Card
      data-testid="wallet-credential"
      title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{name}</h2>}
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          {t('wallet.number')}: <strong>{c.certificateNumber ?? '—'}</strong>
        </Typography.Text>
        <Typography.Text>
          {t('wallet.status')}: <Tag color={statusColor[c.status]}>{t(`wallet.${c.status}`)}</Tag>
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('wallet.issuedAt')}: {new Date(c.issuedAt).toLocaleString(i18n.language)}
        </Typography.Text>
        <Typography.Text>
          {t('wallet.share')}:{' '}
          <Typography.Text copyable={{ text: share, tooltips: [t('wallet.share'), t('wallet.copied')] }} code>
            {share}
          </Typography.Text>
        </Typography.Text>
        <Space wrap>
          <a href={links.pdf(c.id)} download={`${c.certificateNumber ?? c.id}.pdf`} data-testid="pdf-link">
            {t('wallet.pdf')}
          </a>
          <Link to={`/verify?credential=${encodeURIComponent(c.id)}`}>{t('wallet.verify')}</Link>
        </Space>
      </Flex>
    </Card>
  );
}
