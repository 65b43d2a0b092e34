import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Check, download } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { regulatorApi, type TrustListCredential } from './api.ts';

type Issuer = TrustListCredential['credentialSubject']['issuers'][number];
type ListedCertificate = TrustListCredential['credentialSubject']['certificates'][number];
type Institution = NonNullable<TrustListCredential['credentialSubject']['institutions']>[number];

/**
 * The checks that concern the trust list itself. It is the root of trust: its signer is not on it
 * (issuerAccredited) and it is not logged (logged), so the verifier's other checks do not apply.
 */
const OWN_CHECKS = ['shape', 'proof', 'issuerKey', 'validity'];

const issuerOf = (vc: TrustListCredential) => (typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id);

/** The signed trust list as tables, whether its signature verifies, and its JSON. */
export function TrustListPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const list = useQuery({ queryKey: ['regulator', 'trust-list'], queryFn: regulatorApi.trustList });
  const verification = useQuery({
    queryKey: ['regulator', 'trust-list', 'verification', list.data?.credentialSubject.issuedAt],
    queryFn: () => regulatorApi.verifyTrustList(list.data!),
    enabled: list.data !== undefined,
  });
  const save = useMutation({ mutationFn: () => download('/trust-list', 'trust-list.json') });
  const vc = list.data;
  const subject = vc?.credentialSubject;
  const own = verification.data?.checks.filter((c) => OWN_CHECKS.includes(c.name)) ?? [];
  const failed = own.filter((c) => c.status === 'failed');
  const verified = verification.data !== undefined && own.length > 0 && failed.length === 0;
  const proof = Array.isArray(vc?.proof) ? vc.proof[0] : vc?.proof;
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
  const now = Date.now();

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('regulator.trustTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('regulator.trustIntro')}</Typography.Paragraph>
      </div>
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isLoading && <Spin aria-label={t('common.loading')} />}
      {vc && subject && (
        <>
          {verification.isLoading && <Alert type="info" showIcon title={t('regulator.checking')} />}
          {verification.isError && <ErrorAlert error={verification.error} />}
          {verification.data && (
            <Alert
              data-testid="trust-list-proof"
              data-verified={String(verified)}
              type={verified ? 'success' : 'error'}
              showIcon
              title={verified ? t('regulator.proofOk') : t('regulator.proofBad')}
              description={
                verified
                  ? t('regulator.proofOkDesc', { issuer: issuerOf(vc), suite: proof?.cryptosuite ?? '' })
                  : t('regulator.proofBadDesc', { checks: failed.map((c) => c.name).join(', ') })
              }
            />
          )}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('regulator.issuer')}>
              <Typography.Text code>{issuerOf(vc)}</Typography.Text>{' '}
              <a href="/regulator/did.json" target="_blank" rel="noreferrer">
                {t('regulator.didDocument')}
              </a>
            </Descriptions.Item>
            <Descriptions.Item label={t('regulator.issuedAt')}>
              {when(subject.issuedAt ?? vc.validFrom)}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('regulator.download')}
            </Button>
          </div>
          {save.isError && <ErrorAlert error={save.error} />}
          {verification.data && (
            <Card
              size="small"
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('regulator.checksTitle')}</h2>}
            >
              <Table<Check>
                size="small"
                rowKey="name"
                pagination={false}
                dataSource={own}
                columns={[
                  { title: t('regulator.check'), dataIndex: 'name', width: 140 },
                  {
                    title: t('regulator.result'),
                    key: 'status',
                    width: 100,
                    render: (_, c) => (
                      <Tag
                        color={c.status === 'passed' ? 'green' : c.status === 'failed' ? 'red' : 'default'}
                      >
                        {t(`regulator.${c.status}`)}
                      </Tag>
                    ),
                  },
                  {
                    title: t('regulator.message'),
                    key: 'message',
                    render: (_, c) => (en ? c.message.en : c.message.zh),
                  },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('regulator.checksNote')}
              </Typography.Paragraph>
            </Card>
          )}
          <Card
            title={
              <h2 style={{ fontSize: 18, margin: 0 }}>
                {t('regulator.accredited', { count: subject.issuers.length })}
              </h2>
            }
          >
            <Table<Issuer>
              data-testid="trust-list-issuers"
              size="small"
              rowKey={(i) => `${i.did} ${i.accreditedFrom}`}
              dataSource={subject.issuers}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('regulator.empty') }}
              columns={[
                { title: t('regulator.code'), dataIndex: 'code', width: 110 },
                { title: t('regulator.name'), key: 'name', render: (_, i) => (en ? i.nameEn : i.nameZh) },
                {
                  title: t('regulator.did'),
                  dataIndex: 'did',
                  render: (did: string) => <Typography.Text code>{did}</Typography.Text>,
                },
                {
                  title: t('regulator.accreditedFrom'),
                  key: 'from',
                  render: (_, i) => when(i.accreditedFrom),
                },
                {
                  title: t('regulator.accreditedUntil'),
                  key: 'until',
                  render: (_, i) => (i.accreditedUntil ? when(i.accreditedUntil) : t('regulator.ongoing')),
                },
                {
                  title: t('regulator.period'),
                  key: 'period',
                  render: (_, i) =>
                    i.accreditedUntil && Date.parse(i.accreditedUntil) <= now ? (
                      <Tag>{t('regulator.ended')}</Tag>
                    ) : (
                      <Tag color="green">{t('regulator.inForce')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
          <Card
            title={
              <h2 style={{ fontSize: 18, margin: 0 }}>
                {t('regulator.listCertificates', { count: subject.certificates.length })}
              </h2>
            }
          >
            <Table<ListedCertificate>
              data-testid="trust-list-certificates"
              size="small"
              rowKey="code"
              dataSource={subject.certificates}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t('regulator.empty') }}
              columns={[
                { title: t('regulator.code'), dataIndex: 'code', width: 110 },
                { title: t('regulator.name'), key: 'name', render: (_, c) => (en ? c.nameEn : c.nameZh) },
                { title: t('regulator.teo'), dataIndex: 'teoCode', width: 110 },
                {
                  title: t('regulator.achievements'),
                  key: 'levels',
                  render: (_, c) => (
                    <Flex vertical gap={2}>
                      {c.achievements.map((a) => (
                        <span key={a.level}>
                          <Tag>{t('regulator.level', { level: a.level })}</Tag>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {a.id}
                          </Typography.Text>
                        </span>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </Card>
          {subject.institutions && subject.institutions.length > 0 && (
            <Card
              title={
                <h2 style={{ fontSize: 18, margin: 0 }}>
                  {t('regulator.institutions', { count: subject.institutions.length })}
                </h2>
              }
            >
              <Table<Institution>
                size="small"
                rowKey="did"
                dataSource={subject.institutions}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('regulator.code'), dataIndex: 'code', width: 110 },
                  { title: t('regulator.name'), key: 'name', render: (_, i) => (en ? i.nameEn : i.nameZh) },
                  {
                    title: t('regulator.did'),
                    dataIndex: 'did',
                    render: (did: string) => <Typography.Text code>{did}</Typography.Text>,
                  },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </Flex>
  );
}
