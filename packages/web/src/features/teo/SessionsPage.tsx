import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Session } from '../../api/client.ts';

export function SessionsPage() {
  const { t } = useTranslation();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: api.sessions });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('teo.sessions')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('teo.sessionsIntro')}</Typography.Paragraph>
      </div>
      {sessions.isError && <Alert type="error" showIcon title={String(sessions.error)} />}
      <Table<Session>
        rowKey="id"
        loading={sessions.isLoading}
        dataSource={sessions.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('teo.id'),
            dataIndex: 'id',
            render: (id: string) => <Link to={`/teo/sessions/${encodeURIComponent(id)}`}>{id}</Link>,
          },
          { title: t('teo.certificate'), dataIndex: 'certificateCode' },
          { title: t('teo.level'), dataIndex: 'level' },
          { title: t('teo.date'), dataIndex: 'date' },
          { title: t('teo.site'), dataIndex: 'siteId' },
          {
            title: t('teo.registered'),
            key: 'registered',
            render: (_, s) => `${s.registeredCount} / ${s.capacity}`,
          },
          {
            title: t('teo.resultsStatus'),
            dataIndex: 'resultsStatus',
            render: (s: Session['resultsStatus']) => (
              <Tag color={s === 'PUBLISHED' ? 'green' : 'default'}>{t(`teo.${s}`)}</Tag>
            ),
          },
        ]}
      />
    </Flex>
  );
}
