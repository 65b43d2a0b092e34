import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type Certificate, type SkillStandard, standardsApi } from './api.ts';
import { StandardDiffView } from './StandardDiffView.tsx';
import { StandardEditor } from './StandardEditor.tsx';
import { statusColor } from './StandardPage.tsx';
import { mayWriteFor, useTeoScope } from './teo-scope.tsx';
import { bodyOf, starterTree, treeOf } from './tree.ts';

/**
 * `/teo/standards`: the certificates of the signed-in account's TEO (the regulator chooses a TEO),
 * the versions of one certificate's skill standard, a new draft from the latest version, and the
 * comparison of two versions.
 */
export function StandardsPage() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const { teoId, picker } = useTeoScope();
  const [params, setParams] = useSearchParams();
  const certificates = useQuery({
    queryKey: ['certificates', teoId],
    queryFn: () => standardsApi.certificates(teoId!),
    enabled: teoId !== null,
  });
  const list = certificates.data?.items ?? [];
  // The certificate of the URL, if it is this TEO's; else the TEO's first.
  const certificate = list.find((c) => c.id === params.get('certificate')) ?? list[0];
  const certId = useId();
  const lang = i18n.language;
  const certName = (c: Certificate) => `${c.code} · ${lang === 'en' ? c.nameEn : c.nameZh}`;

  const choose = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams();
      if (p.get('teo')) next.set('teo', p.get('teo')!);
      next.set('certificate', id);
      return next;
    });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('standards.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('standards.intro')}</Typography.Paragraph>
      </div>
      <Space wrap align="end" size={16}>
        {picker}
        {teoId && (
          <div>
            <label htmlFor={certId} style={{ display: 'block', marginBottom: 4 }}>
              {t('standards.certificate')}
            </label>
            <Select
              id={certId}
              style={{ minWidth: 360 }}
              placeholder={t('standards.chooseCertificate')}
              loading={certificates.isLoading}
              value={certificate?.id}
              onChange={choose}
              options={list.map((c) => ({ value: c.id, label: certName(c) }))}
            />
          </div>
        )}
      </Space>
      {!teoId && !picker && <Alert type="info" showIcon title={t('standards.noTeo')} />}
      {certificates.isError && <ErrorAlert error={certificates.error} />}
      {certificates.isSuccess && list.length === 0 && <Empty description={t('standards.noCertificates')} />}
      {certificate && (
        <Versions
          key={certificate.id}
          certificate={certificate}
          mayWrite={mayWriteFor(principal, certificate.teoId)}
        />
      )}
    </Flex>
  );
}

function Versions({ certificate, mayWrite }: { certificate: Certificate; mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: ['standard-versions', certificate.id],
    queryFn: () => standardsApi.versions(certificate.id),
  });
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const latest = items[0];
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
  const newDraft = useMutation({
    // A new draft is the latest version's whole tree, sent back as a new version based on it.
    mutationFn: async (from: SkillStandard) => {
      const base = await standardsApi.standard(from.id);
      return standardsApi.createVersion(certificate.id, { ...bodyOf(treeOf(base)), basedOnId: base.id });
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['standard-versions', certificate.id] });
      navigate(`/teo/standards/${encodeURIComponent(created.id)}`);
    },
  });

  return (
    <>
      <Card
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('standards.versions')}</h2>}
        extra={
          mayWrite &&
          latest && (
            <Popconfirm
              title={t('standards.newDraftConfirm', { version: latest.version })}
              onConfirm={() => newDraft.mutate(latest)}
            >
              <Button type="primary" loading={newDraft.isPending}>
                {t('standards.newDraft', { version: latest.version })}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Flex vertical gap={12}>
          {versions.isError && <ErrorAlert error={versions.error} />}
          {newDraft.isError && <ErrorAlert error={newDraft.error} />}
          <Table<SkillStandard>
            data-testid="standard-versions"
            rowKey="id"
            size="small"
            loading={versions.isLoading}
            dataSource={items}
            locale={{ emptyText: t('standards.noVersions') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              {
                title: t('standards.version'),
                dataIndex: 'version',
                render: (v: number, s) => (
                  <Link to={`/teo/standards/${encodeURIComponent(s.id)}`}>
                    {t('standards.versionN', { version: v })}
                  </Link>
                ),
              },
              {
                title: t('standards.titleCol'),
                key: 'title',
                render: (_, s) => (i18n.language === 'en' ? s.titleEn : s.titleZh),
              },
              {
                title: t('standards.status'),
                dataIndex: 'status',
                render: (s: SkillStandard['status']) => (
                  <Tag color={statusColor[s]} data-testid="version-status">
                    {t(`standards.${s}`)}
                  </Tag>
                ),
              },
              {
                title: t('standards.basedOn'),
                dataIndex: 'basedOnId',
                render: (b: string | null) => {
                  const v = items.find((x) => x.id === b);
                  return v ? t('standards.versionN', { version: v.version }) : '—';
                },
              },
              { title: t('standards.createdAt'), dataIndex: 'createdAt', render: when },
              { title: t('standards.publishedAt'), dataIndex: 'publishedAt', render: when },
            ]}
          />
        </Flex>
      </Card>
      {versions.isSuccess && items.length === 0 && mayWrite && <FirstVersion certificate={certificate} />}
      {items.length >= 2 && <Compare versions={items} />}
    </>
  );
}

/** A certificate without a standard: its first version is written here and saved as a draft. */
function FirstVersion({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const level = certificate.levels[0]?.level ?? 1;
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('standards.firstVersion')}</h2>}>
      <Typography.Paragraph>{t('standards.firstVersionIntro')}</Typography.Paragraph>
      <StandardEditor
        certificate={certificate}
        // The standard's own (editable) titles, as the catalog names standards.
        initial={starterTree(
          `${certificate.nameZh}职业技能等级标准`,
          `${certificate.nameEn} skill standard`,
          level,
        )}
        saveTo={{ kind: 'create' }}
        onSaved={async (created) => {
          await queryClient.invalidateQueries({ queryKey: ['standard-versions', certificate.id] });
          navigate(`/teo/standards/${encodeURIComponent(created.id)}`);
        }}
      />
    </Card>
  );
}

/** Two versions side by side: what the newer one added, removed and changed (kept in the URL). */
function Compare({ versions }: { versions: SkillStandard[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fromId = useId();
  const toId = useId();
  const has = (id: string | null) => (id && versions.some((v) => v.id === id) ? id : null);
  const shownFrom = has(params.get('from'));
  const shownTo = has(params.get('to'));
  const [from, setFrom] = useState<string | undefined>(shownFrom ?? versions[1]?.id);
  const [to, setTo] = useState<string | undefined>(shownTo ?? versions[0]?.id);
  const diff = useQuery({
    queryKey: ['standard-diff', shownFrom, shownTo],
    queryFn: () => standardsApi.diff(shownFrom!, shownTo!),
    enabled: shownFrom !== null && shownTo !== null,
  });
  const options = versions.map((v) => ({
    value: v.id,
    label: `${t('standards.versionN', { version: v.version })} · ${t(`standards.${v.status}`)}`,
  }));
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('standards.compare')}</h2>}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('standards.compareIntro')}</Typography.Text>
        <Space wrap align="end" size={16}>
          <div>
            <label htmlFor={fromId} style={{ display: 'block', marginBottom: 4 }}>
              {t('standards.from')}
            </label>
            <Select id={fromId} style={{ minWidth: 200 }} value={from} onChange={setFrom} options={options} />
          </div>
          <div>
            <label htmlFor={toId} style={{ display: 'block', marginBottom: 4 }}>
              {t('standards.to')}
            </label>
            <Select id={toId} style={{ minWidth: 200 }} value={to} onChange={setTo} options={options} />
          </div>
          <Button
            type="primary"
            disabled={!from || !to}
            loading={diff.isFetching}
            onClick={() =>
              setParams((p) => {
                const next = new URLSearchParams(p);
                next.set('from', from!);
                next.set('to', to!);
                return next;
              })
            }
          >
            {t('standards.doCompare')}
          </Button>
        </Space>
        {diff.isError && <ErrorAlert error={diff.error} />}
        {diff.data && <StandardDiffView diff={diff.data} />}
      </Flex>
    </Card>
  );
}
