import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, download, type ImportReport, links, type Result } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Issue = ImportReport['issues'][number];

export function SessionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['session', id], queryFn: () => api.session(id) });
  const results = useQuery({ queryKey: ['results', id], queryFn: () => api.results(id) });
  const refresh = () =>
    Promise.all([
      session.refetch(),
      results.refetch(),
      queryClient.invalidateQueries({ queryKey: ['sessions'] }),
    ]);
  const publish = useMutation({ mutationFn: () => api.publish(id), onSuccess: refresh });
  const s = session.data;

  return (
    <Flex vertical gap={16}>
      <Link to="/teo/sessions">← {t('common.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('teo.detail')} <code>{id}</code>
      </Typography.Title>
      {session.isError && <ErrorAlert error={session.error} />}
      {s && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('teo.certificate')}>{s.certificateCode}</Descriptions.Item>
          <Descriptions.Item label={t('teo.level')}>{s.level}</Descriptions.Item>
          <Descriptions.Item label={t('teo.date')}>{s.date}</Descriptions.Item>
          <Descriptions.Item label={t('teo.site')}>{s.siteId}</Descriptions.Item>
          <Descriptions.Item label={t('teo.registered')}>
            {s.registeredCount} / {s.capacity}
          </Descriptions.Item>
          <Descriptions.Item label={t('teo.resultsStatus')}>
            <Tag color={s.resultsStatus === 'PUBLISHED' ? 'green' : 'default'} data-testid="results-status">
              {t(`teo.${s.resultsStatus}`)}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      )}
      {s?.resultsStatus === 'DRAFT' && <ImportCard sessionId={id} onImported={refresh} />}
      {s && (
        <Card
          title={
            <h2 style={{ fontSize: 18, margin: 0 }}>
              {t('teo.publish')} · {t('teo.issue')}
            </h2>
          }
        >
          <Flex vertical gap={12}>
            {s.resultsStatus === 'DRAFT' ? (
              <Space>
                <Popconfirm title={t('teo.publishConfirm')} onConfirm={() => publish.mutate()}>
                  <Button type="primary" loading={publish.isPending}>
                    {t('teo.publish')}
                  </Button>
                </Popconfirm>
                <Typography.Text type="secondary">{t('teo.notPublished')}</Typography.Text>
              </Space>
            ) : (
              <Alert type="success" showIcon title={t('teo.published')} />
            )}
            {publish.isError && <ErrorAlert error={publish.error} />}
            {s.resultsStatus === 'PUBLISHED' && <IssuancePanel sessionId={id} />}
          </Flex>
        </Card>
      )}
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('teo.results')}</h2>}>
        <ResultsTable results={results.data?.items ?? []} loading={results.isLoading} />
      </Card>
    </Flex>
  );
}

function ImportCard({ sessionId, onImported }: { sessionId: string; onImported: () => unknown }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const dryRun = useMutation({ mutationFn: (f: File) => api.importResults(sessionId, f, true) });
  const run = useMutation({
    mutationFn: (f: File) => api.importResults(sessionId, f, false),
    onSuccess: onImported,
  });
  const template = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') =>
      download(links.template(sessionId, format), `results-${sessionId}.${format}`),
  });
  const report = dryRun.data;
  const clean = report !== undefined && report.issues.length === 0;

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    setFile(f);
    dryRun.reset();
    run.reset();
    if (f) dryRun.mutate(f);
  };

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('teo.import')}</h2>}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('teo.importIntro')}</Typography.Paragraph>
        <Space wrap>
          {t('teo.templates')}:
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              size="small"
              onClick={() => template.mutate(format)}
              loading={template.isPending && template.variables === format}
            >
              {format.toUpperCase()}
            </Button>
          ))}
        </Space>
        <div>
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 8 }}>
            {t('teo.fileLabel')}
          </label>
          <input id={inputId} type="file" accept=".csv,.xlsx,text/csv" onChange={onFile} />
        </div>
        <Space>
          <Button disabled={!file} loading={dryRun.isPending} onClick={() => file && dryRun.mutate(file)}>
            {t('teo.dryRun')}
          </Button>
          <Button
            type="primary"
            disabled={!file || !clean || run.isSuccess}
            loading={run.isPending}
            onClick={() => file && run.mutate(file)}
          >
            {t('teo.doImport')}
          </Button>
        </Space>
        {template.isError && <ErrorAlert error={template.error} />}
        {dryRun.isError && <ErrorAlert error={dryRun.error} />}
        {run.isError && <ErrorAlert error={run.error} />}
        {report && !run.data && (
          <Alert
            data-testid="dry-run-summary"
            type={clean ? 'success' : 'error'}
            showIcon
            title={
              clean
                ? t('teo.dryRunOk', { rows: report.rows })
                : t('teo.dryRunBad', { count: report.issues.length })
            }
          />
        )}
        {run.data && (
          <Alert
            data-testid="import-summary"
            type="success"
            showIcon
            title={t('teo.imported', { written: run.data.written, ...run.data.summary })}
          />
        )}
        {report && report.issues.length > 0 && !run.data && (
          <Table<Issue>
            data-testid="import-issues"
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            dataSource={report.issues}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('teo.row'), dataIndex: 'row', width: 80 },
              { title: t('teo.column'), dataIndex: 'column', width: 160 },
              {
                title: t('teo.reason'),
                key: 'reason',
                render: (_, r) => (i18n.language === 'en' ? r.message : r.messageZh),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

function IssuancePanel({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.startIssuance(sessionId),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['issuance-job', jobId],
    queryFn: () => api.issuanceJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === 'RUNNING' || !q.state.data ? 400 : false),
  });
  const current = job.data ?? start.data;
  const p = current?.progress;
  const percent =
    p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : current?.state === 'DONE' ? 100 : 0;

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('teo.issueIntro')}</Typography.Paragraph>
      <div>
        <Button
          type="primary"
          onClick={() => start.mutate()}
          loading={start.isPending || current?.state === 'RUNNING'}
        >
          {current?.state === 'RUNNING' ? t('teo.issuing') : t('teo.issue')}
        </Button>
      </div>
      {start.isError && <ErrorAlert error={start.error} />}
      {current && (
        <div data-testid="issuance" data-state={current.state}>
          <Progress
            percent={percent}
            status={
              current.state === 'FAILED' ? 'exception' : current.state === 'DONE' ? 'success' : 'active'
            }
            aria-label={t('teo.progress')}
            format={() => (p ? `${p.done} / ${p.total}` : '')}
          />
          {current.state === 'DONE' && p && (
            <Alert
              type="success"
              showIcon
              title={t('teo.issueDone', { issued: p.issued, done: p.done, total: p.total })}
            />
          )}
          {current.state === 'FAILED' && current.error && (
            <Alert
              type="error"
              showIcon
              title={t('teo.issueFailed', {
                message: i18n.language === 'en' ? current.error.message : current.error.messageZh,
              })}
            />
          )}
        </div>
      )}
    </Flex>
  );
}

function ResultsTable({ results, loading }: { results: Result[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Result>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={results}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: t('teo.registration'), dataIndex: 'registrationId' },
        {
          title: t('teo.learner'),
          dataIndex: 'learnerId',
          render: (l: string) => <Link to={`/wallet/${encodeURIComponent(l)}`}>{l}</Link>,
        },
        { title: t('teo.theory'), dataIndex: 'theory', render: (v: number | null) => v ?? '—' },
        { title: t('teo.practical'), dataIndex: 'practical', render: (v: number | null) => v ?? '—' },
        { title: t('teo.total'), dataIndex: 'total', render: (v: number | null) => v ?? '—' },
        {
          title: t('teo.passedCol'),
          key: 'passed',
          render: (_, r) =>
            r.status === 'ABSENT' ? (
              <Tag>{t('teo.absent')}</Tag>
            ) : (
              <Tag color={r.passed ? 'green' : 'red'}>{r.passed ? t('teo.yes') : t('teo.no')}</Tag>
            ),
        },
      ]}
    />
  );
}
