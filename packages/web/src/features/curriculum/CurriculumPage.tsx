import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Statistic, Table, Tag, Typography } from 'antd';
import { type ChangeEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, download, enc } from '../../api/client.ts';
import { EChart } from '../../charts/EChart.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import {
  type CoverageReport,
  type CurriculumTarget,
  curriculumApi,
  curriculumLinks,
  type RequirementRow,
} from './api.ts';
import { escapeHtml, hours, percent } from './format.ts';
import { OptimizerCard } from './OptimizerCard.tsx';

const statusColor = { COVERED: 'green', PARTIAL: 'gold', UNCOVERED: 'red' } as const;

export function CurriculumPage() {
  const { id = '', certificate = '', level = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const queryClient = useQueryClient();
  const target: CurriculumTarget = { programmeId: id, certificate, level };
  const key = ['coverage', id, certificate, level];
  const coverage = useQuery({ queryKey: key, queryFn: () => curriculumApi.coverage(target) });
  // Each import replaces the mappings: the optimizer's candidates start afresh from the new gaps.
  const [imports, setImports] = useState(0);
  const r = coverage.data;

  return (
    <Flex vertical gap={16}>
      <Link to={`/institution/programmes/${enc(id)}`}>← {t('curriculum.back')}</Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 26 }}>
          {t('curriculum.title', {
            programme: r?.programme.nameZh ?? id,
            certificate: r ? (en ? r.target.certificate.nameEn : r.target.certificate.nameZh) : certificate,
            level: t(`curriculum.levels.${level}`, { defaultValue: level }),
          })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('curriculum.intro')}</Typography.Paragraph>
      </div>
      {coverage.isError && <ErrorAlert error={coverage.error} />}
      {coverage.isLoading && <Card loading />}
      {r && (
        <>
          <TargetCard report={r} />
          <SummaryCard report={r} />
          <HeatmapCard report={r} />
          <GapsCard report={r} />
          <MappingsCard
            target={target}
            onImported={(report) => {
              queryClient.setQueryData(key, report);
              void queryClient.invalidateQueries({ queryKey: ['closest-levels'] });
              setImports((n) => n + 1);
            }}
          />
          <OptimizerCard key={imports} target={target} report={r} />
        </>
      )}
    </Flex>
  );
}

function TargetCard({ report }: { report: CoverageReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { target } = report;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="curriculum-target">
      <Descriptions.Item label={t('curriculum.certificate')}>
        {target.certificate.code} {en ? target.certificate.nameEn : target.certificate.nameZh}
      </Descriptions.Item>
      <Descriptions.Item label={t('curriculum.level')}>
        {t(`curriculum.levels.${target.level}`, { defaultValue: target.levelNameZh })}
      </Descriptions.Item>
      <Descriptions.Item label={t('curriculum.nominalHours')}>{target.nominalHours}</Descriptions.Item>
      <Descriptions.Item label={t('curriculum.standard')}>
        {t('curriculum.standardVersion', {
          version: target.standard.version,
          status: t(`curriculum.${target.standard.status}`),
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('curriculum.targetMajors')}>
        {target.targetMajors.join(', ') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('curriculum.hoursBasis')}>
        {en ? report.hoursBasis.en : report.hoursBasis.zh}
      </Descriptions.Item>
    </Descriptions>
  );
}

function SummaryCard({ report }: { report: CoverageReport }) {
  const { t } = useTranslation();
  const s = report.summary;
  const k = (key: string) => t(`curriculum.summary.${key}`);
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{k('title')}</h2>}>
      <Flex gap={40} wrap data-testid="coverage-summary" data-coverage={s.coverage}>
        <Statistic title={k('coverage')} value={percent(s.coverage)} />
        <Statistic title={k('requirements')} value={s.requirements} />
        <Statistic title={k('covered')} value={s.covered} />
        <Statistic title={k('partial')} value={s.partial} />
        <Statistic title={k('uncovered')} value={s.uncovered} />
        <Statistic title={k('hoursNeeded')} value={s.hoursNeeded} />
      </Flex>
    </Card>
  );
}

function HeatmapCard({ report }: { report: CoverageReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { courses, requirements } = report;
  const option = useMemo(() => {
    const column = new Map(courses.map((c, i) => [c.code, i]));
    const data = requirements.flatMap((r, y) =>
      r.cells.map((c) => [column.get(c.courseCode) ?? -1, y, c.weight] as [number, number, number]),
    );
    const reqTitle = (r: RequirementRow) => (en && r.titleEn ? r.titleEn : r.titleZh);
    return {
      animation: false,
      grid: { left: 64, right: 24, top: 16, bottom: 110 },
      tooltip: {
        position: 'top',
        formatter: (p: { value: [number, number, number] }) => {
          const [x, y, w] = p.value;
          const c = courses[x];
          const r = requirements[y];
          if (!c || !r) return '';
          return `${escapeHtml(`${r.code} ${reqTitle(r)}`)}<br/>${escapeHtml(`${c.code} ${c.nameZh}`)}: <b>${w}</b>`;
        },
      },
      xAxis: {
        type: 'category',
        data: courses.map((c) => c.code),
        splitArea: { show: true },
        axisLabel: { interval: 0 },
      },
      yAxis: {
        type: 'category',
        data: requirements.map((r) => r.code),
        inverse: true,
        splitArea: { show: true },
        axisLabel: { interval: 0, fontSize: 10 },
      },
      visualMap: {
        min: 0,
        max: 1,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 8,
        inRange: { color: ['#dbeafe', '#1d4ed8'] },
      },
      series: [
        {
          name: t('curriculum.heatmap.weight'),
          type: 'heatmap',
          data,
          label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => String(p.value[2]) },
          emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } },
        },
      ],
    };
  }, [courses, requirements, en, t]);

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('curriculum.heatmap.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('curriculum.heatmap.intro')}</Typography.Paragraph>
      {courses.length === 0 ? (
        <Alert type="warning" showIcon title={t('curriculum.heatmap.noMappings')} data-testid="no-mappings" />
      ) : (
        <EChart
          testId="coverage-heatmap"
          option={option}
          label={t('curriculum.heatmap.label', {
            requirements: requirements.length,
            courses: courses.length,
          })}
          style={{ height: Math.max(320, requirements.length * 18 + 140) }}
        />
      )}
      <details style={{ marginTop: 12 }}>
        <summary style={{ cursor: 'pointer' }}>{t('curriculum.heatmap.table')}</summary>
        <MatrixTable report={report} />
      </details>
    </Card>
  );
}

/** The heat-map's numbers as a table: one row per requirement, one column per course. */
function MatrixTable({ report }: { report: CoverageReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const cell = { border: '1px solid #e5e7eb', padding: '2px 6px' } as const;
  return (
    <div style={{ overflowX: 'auto', marginTop: 8 }}>
      <table data-testid="coverage-matrix" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
        <caption style={{ textAlign: 'left', padding: '4px 0' }}>{t('curriculum.heatmap.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" style={cell}>
              {t('curriculum.code')}
            </th>
            <th scope="col" style={cell}>
              {t('curriculum.requirement')}
            </th>
            {report.courses.map((c) => (
              <th key={c.code} scope="col" style={cell} title={c.nameZh}>
                {c.code}
              </th>
            ))}
            <th scope="col" style={cell}>
              {t('curriculum.coverage')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.requirements.map((r) => {
            const weights = new Map(r.cells.map((c) => [c.courseCode, c.weight]));
            return (
              <tr key={r.code}>
                <th scope="row" style={cell}>
                  {r.code}
                </th>
                <td style={cell}>{en && r.titleEn ? r.titleEn : r.titleZh}</td>
                {report.courses.map((c) => (
                  <td key={c.code} style={{ ...cell, textAlign: 'right' }} data-weight={weights.get(c.code)}>
                    {weights.get(c.code) ?? ''}
                  </td>
                ))}
                <td style={{ ...cell, textAlign: 'right' }}>{percent(r.coverage)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function GapsCard({ report }: { report: CoverageReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const gaps = report.requirements.filter((r) => r.status !== 'COVERED');
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('curriculum.gaps.title')}</h2>}>
      <Flex vertical gap={12}>
        <Alert
          data-testid="gap-count"
          data-count={gaps.length}
          type={gaps.length === 0 ? 'success' : 'warning'}
          showIcon
          title={
            gaps.length === 0
              ? t('curriculum.gaps.none')
              : t('curriculum.gaps.count', { count: gaps.length, hours: report.summary.hoursNeeded })
          }
        />
        {gaps.length > 0 && (
          <Table<RequirementRow>
            data-testid="gap-list"
            size="small"
            rowKey="code"
            dataSource={gaps}
            pagination={false}
            scroll={{ y: 420 }}
            columns={[
              { title: t('curriculum.code'), dataIndex: 'code', width: 90 },
              {
                title: t('curriculum.requirement'),
                key: 'title',
                render: (_, r) => (en && r.titleEn ? r.titleEn : r.titleZh),
              },
              {
                title: t('curriculum.task'),
                key: 'task',
                render: (_, r) => `${r.taskCode} ${r.taskTitleZh}`,
              },
              {
                title: t('curriculum.status'),
                dataIndex: 'status',
                width: 110,
                render: (s: RequirementRow['status']) => (
                  <Tag color={statusColor[s]}>{t(`curriculum.statuses.${s}`)}</Tag>
                ),
              },
              {
                title: t('curriculum.coverage'),
                dataIndex: 'coverage',
                width: 100,
                align: 'right',
                render: (c: number) => percent(c),
              },
              {
                title: t('curriculum.hoursNeeded'),
                dataIndex: 'hoursNeeded',
                width: 110,
                align: 'right',
                render: (h: number) => hours(h),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

interface RowIssue {
  row: string;
  column: string;
  reason: string;
}

/** The row errors of a refused mapping file (`row 7 · 要求代码`, "English / 中文"), in the reader's language. */
function rowIssues(error: unknown, en: boolean): RowIssue[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.details.issues ?? []).map((i) => {
    const at = /^row (\d+) · (.+)$/.exec(i.path);
    const parts = i.message.split(' / ');
    const reason = parts.length === 2 ? (en ? parts[0]! : parts[1]!) : i.message;
    return { row: at?.[1] ?? '', column: at?.[2] ?? i.path, reason };
  });
}

function MappingsCard({
  target,
  onImported,
}: {
  target: CurriculumTarget;
  onImported: (report: CoverageReport) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: () =>
      download(curriculumLinks.mappingsCsv(target), `mappings-${target.certificate}-${target.level}.csv`),
  });
  const upload = useMutation({
    mutationFn: (f: File) => curriculumApi.importMappings(target, f),
    onSuccess: onImported,
  });
  const issues = rowIssues(upload.error, en);
  const m = (key: string, o?: Record<string, unknown>) => t(`curriculum.mappings.${key}`, o);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    setFile(e.target.files?.[0] ?? null);
    upload.reset();
  };
  const imported = upload.data;

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{m('title')}</h2>}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{m('intro')}</Typography.Paragraph>
        <div>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {m('download')}
          </Button>
        </div>
        {save.isError && <ErrorAlert error={save.error} />}
        <div>
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 8 }}>
            {m('fileLabel')}
          </label>
          <input id={inputId} type="file" accept=".csv,text/csv" onChange={onFile} />
        </div>
        <div>
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
          >
            {m('import')}
          </Button>
        </div>
        {upload.isError && <ErrorAlert error={upload.error} />}
        {issues.length > 0 && (
          <>
            <Typography.Text>{m('issues', { count: issues.length })}</Typography.Text>
            <Table<RowIssue>
              data-testid="mapping-import-issues"
              size="small"
              rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
              dataSource={issues}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: m('row'), dataIndex: 'row', width: 80 },
                { title: m('column'), dataIndex: 'column', width: 160 },
                { title: m('reason'), dataIndex: 'reason' },
              ]}
            />
          </>
        )}
        {imported && (
          <Alert
            data-testid="mapping-imported"
            type="success"
            showIcon
            title={m('imported', {
              count: imported.requirements.reduce((n, r) => n + r.cells.length, 0),
              coverage: percent(imported.summary.coverage),
            })}
          />
        )}
      </Flex>
    </Card>
  );
}
