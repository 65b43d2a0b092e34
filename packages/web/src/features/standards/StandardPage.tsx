import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Descriptions, Flex, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { standardsApi } from './api.ts';
import { StandardEditor } from './StandardEditor.tsx';
import { mayWriteFor } from './teo-scope.tsx';
import { treeOf } from './tree.ts';

export const statusColor = { DRAFT: 'gold', PUBLISHED: 'green' } as const;

/** `/teo/standards/:id`: one version's tree; a draft is edited, saved and published here. */
export function StandardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const { principal } = useSession();
  const queryClient = useQueryClient();
  const standard = useQuery({ queryKey: ['standard', id], queryFn: () => standardsApi.standard(id) });
  const certificateId = standard.data?.certificateId;
  const certificate = useQuery({
    queryKey: ['certificate', certificateId],
    queryFn: () => standardsApi.certificate(certificateId!),
    enabled: certificateId !== undefined,
  });
  const versions = useQuery({
    queryKey: ['standard-versions', certificateId],
    queryFn: () => standardsApi.versions(certificateId!),
    enabled: certificateId !== undefined,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['standard', id] }),
      queryClient.invalidateQueries({ queryKey: ['standard-versions', certificateId] }),
    ]);
  const publish = useMutation({
    mutationFn: () => standardsApi.publish(id),
    onSuccess: async (s) => {
      void message.success(t('standards.published', { version: s.version }));
      await refresh();
    },
  });

  const s = standard.data;
  const cert = certificate.data;
  const ownTeo = cert ? mayWriteFor(principal, cert.teoId) : false;
  const writable = s?.status === 'DRAFT' && ownTeo;
  const lang = i18n.language;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang) : '—');
  const basedOn = versions.data?.items.find((v) => v.id === s?.basedOnId);
  const readOnlyReason =
    s?.status === 'PUBLISHED'
      ? t('standards.readOnlyPublished')
      : !cert || ownTeo
        ? null
        : principal?.role === 'TEO_ADMIN'
          ? t('standards.readOnlyOtherTeo', {
              teo: `${cert.teo.code} ${lang === 'en' ? cert.teo.nameEn : cert.teo.nameZh}`,
            })
          : t('standards.readOnlyRole');

  return (
    <Flex vertical gap={16}>
      <Link to={cert ? `/teo/standards?certificate=${encodeURIComponent(cert.id)}` : '/teo/standards'}>
        ← {t('standards.back')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
        {t('standards.detail')} · {s ? t('standards.versionN', { version: s.version }) : id}{' '}
        {s && (
          <Tag
            color={statusColor[s.status]}
            data-testid="standard-status"
            style={{ verticalAlign: 'middle' }}
          >
            {t(`standards.${s.status}`)}
          </Tag>
        )}
      </Typography.Title>
      {standard.isError && <ErrorAlert error={standard.error} />}
      {certificate.isError && <ErrorAlert error={certificate.error} />}
      {standard.isLoading && <Spin aria-label={t('common.loading')} />}
      {s && cert && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('standards.certificate')}>
              {cert.code} · {lang === 'en' ? cert.nameEn : cert.nameZh}
            </Descriptions.Item>
            <Descriptions.Item label={t('standards.teo')}>
              {cert.teo.code} · {lang === 'en' ? cert.teo.nameEn : cert.teo.nameZh}
            </Descriptions.Item>
            <Descriptions.Item label={t('standards.basedOn')}>
              {basedOn ? (
                <Link to={`/teo/standards/${encodeURIComponent(basedOn.id)}`}>
                  {t('standards.versionN', { version: basedOn.version })}
                </Link>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('standards.createdAt')}>{when(s.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('standards.publishedAt')}>{when(s.publishedAt)}</Descriptions.Item>
          </Descriptions>
          {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} data-testid="read-only" />}
          {publish.isError && <ErrorAlert error={publish.error} />}
          <StandardEditor
            // A new version (or a publication) starts the editor afresh from what the API holds.
            key={`${s.id}/${s.status}`}
            certificate={cert}
            initial={treeOf(s)}
            {...(writable ? { saveTo: { kind: 'update' as const, standardId: s.id } } : {})}
            onSaved={() => void refresh()}
            actions={({ dirty }) => (
              <Popconfirm
                title={t('standards.publishConfirm')}
                onConfirm={() => publish.mutate()}
                disabled={dirty}
              >
                <Button
                  loading={publish.isPending}
                  disabled={dirty}
                  title={dirty ? t('standards.publishSaveFirst') : undefined}
                >
                  {t('standards.publish')}
                </Button>
              </Popconfirm>
            )}
          />
        </>
      )}
    </Flex>
  );
}
