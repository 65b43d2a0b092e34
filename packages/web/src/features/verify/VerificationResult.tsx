import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Check, Verification } from '../../api/client.ts';

const statusColor = { passed: 'success', failed: 'error', skipped: 'default' } as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A verification's outcome: verified or not, which checks failed and why, every check in both languages. */
export function VerificationResult({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const failed = result.checks.filter((c) => c.status === 'failed');
  const vc = result.credential;
  const issuer = vc?.issuer;
  const issuerName =
    typeof issuer === 'object' && issuer ? str((issuer as Record<string, unknown>).name) : str(issuer);
  const number = str(vc?.description)?.match(/证书编号 (\S+?)。/)?.[1];

  return (
    <section aria-live="polite" data-testid="verification-result" data-verified={String(result.verified)}>
      <Alert
        type={result.verified ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="verdict">
            {result.verified ? t('verify.verified') : t('verify.notVerified')}
          </Typography.Title>
        }
        description={
          result.verified ? (
            t('verify.verifiedDesc')
          ) : (
            <div>
              <div>{t('verify.notVerifiedDesc', { checks: failed.map((c) => c.name).join(', ') })}</div>
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
                {failed.map((c) => (
                  <li key={c.name} data-testid="failed-check">
                    <strong>{c.name}</strong>: {c.message.zh} / {c.message.en}
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      />
      {vc && (
        <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
          {str(vc.name) && (
            <Descriptions.Item label={t('verify.certificate')}>{str(vc.name)}</Descriptions.Item>
          )}
          {number && <Descriptions.Item label={t('verify.number')}>{number}</Descriptions.Item>}
          {issuerName && <Descriptions.Item label={t('verify.issuer')}>{issuerName}</Descriptions.Item>}
          {str(vc.validFrom) && (
            <Descriptions.Item label={t('verify.validFrom')}>{str(vc.validFrom)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('verify.format')}>{result.format}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<Check>
        caption={
          <Typography.Title level={4} style={{ textAlign: 'start' }}>
            {t('verify.checks')}
          </Typography.Title>
        }
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={result.checks}
        rowClassName={(c) => `check-${c.status}`}
        columns={[
          { title: t('verify.check'), dataIndex: 'name', render: (name: string) => <code>{name}</code> },
          {
            title: t('verify.status'),
            dataIndex: 'status',
            render: (s: Check['status']) => <Tag color={statusColor[s]}>{t(`verify.${s}`)}</Tag>,
          },
          {
            title: t('verify.messageZh'),
            key: 'zh',
            render: (_, c) => <span lang="zh-CN">{c.message.zh}</span>,
          },
          {
            title: t('verify.messageEn'),
            key: 'en',
            render: (_, c) => <span lang="en">{c.message.en}</span>,
          },
        ]}
      />
    </section>
  );
}
