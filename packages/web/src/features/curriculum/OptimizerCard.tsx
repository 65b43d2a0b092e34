import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import {
  type CandidateModule,
  type CoverageReport,
  type CoverageSummary,
  type CurriculumTarget,
  curriculumApi,
  type OptimizePlan,
  type OptimizeRequest,
} from './api.ts';
import { percent } from './format.ts';

type Method = NonNullable<OptimizeRequest['method']>;
const methods: Method[] = ['AUTO', 'MILP', 'GREEDY'];

/**
 * The restructuring optimizer: a budget of added hours and candidate modules (derived from the
 * gaps by the API, or those ticked from its last answer) → the plan, explained.
 */
export function OptimizerCard({ target, report }: { target: CurriculumTarget; report: CoverageReport }) {
  const { t } = useTranslation();
  const budgetId = useId();
  const methodId = useId();
  const [budget, setBudget] = useState<number | null>(report.target.nominalHours);
  const [method, setMethod] = useState<Method>('AUTO');
  // The candidates the API derived on the first run; null until then.
  const [candidates, setCandidates] = useState<CandidateModule[] | null>(null);
  // The ticked candidates' ids; null: let the API derive them (all of them).
  const [ticked, setTicked] = useState<string[] | null>(null);
  const run = useMutation({
    mutationFn: (body: OptimizeRequest) => curriculumApi.optimize(target, body),
    onSuccess: (plan) => {
      if (candidates === null) setCandidates(plan.candidates);
    },
  });
  const o = (key: string, opts?: Record<string, unknown>) => t(`curriculum.optimizer.${key}`, opts);
  const submit = () =>
    run.mutate({
      method,
      ...(budget === null ? {} : { budget }),
      ...(ticked === null || candidates === null
        ? {}
        : { candidates: candidates.filter((c) => ticked.includes(c.id)) }),
    });

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{o('title')}</h2>}>
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>{o('intro')}</Typography.Paragraph>
        <Flex gap={24} wrap align="end">
          <Flex vertical gap={4}>
            <label htmlFor={budgetId}>{o('budget')}</label>
            <InputNumber
              id={budgetId}
              min={0}
              max={5000}
              value={budget}
              onChange={setBudget}
              style={{ width: 160 }}
            />
          </Flex>
          <Flex vertical gap={4}>
            <label htmlFor={methodId}>{o('method')}</label>
            <Select<Method>
              id={methodId}
              style={{ width: 320 }}
              value={method}
              onChange={setMethod}
              options={methods.map((m) => ({ value: m, label: o(`methods.${m}`) }))}
            />
          </Flex>
          <Button type="primary" onClick={submit} loading={run.isPending}>
            {ticked === null ? o('run') : o('rerun')}
          </Button>
          {ticked !== null && <Button onClick={() => setTicked(null)}>{o('resetCandidates')}</Button>}
        </Flex>
        <Typography.Text type="secondary">
          {ticked === null ? o('candidatesDefault') : o('candidatesChosen', { count: ticked.length })}
        </Typography.Text>
        {run.isError && <ErrorAlert error={run.error} />}
        {run.data && <PlanView plan={run.data} />}
        {candidates && (
          <CandidatesTable
            candidates={candidates}
            ticked={ticked ?? candidates.map((c) => c.id)}
            onTick={(ids) => setTicked(ids)}
          />
        )}
      </Flex>
    </Card>
  );
}

function PlanView({ plan }: { plan: OptimizePlan }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const o = (key: string, opts?: Record<string, unknown>) => t(`curriculum.optimizer.${key}`, opts);
  const { result } = plan;
  type Chosen = (typeof result.chosen)[number];
  type Constraint = (typeof result.constraints)[number];
  const satisfied = (c: Constraint) =>
    c.name === 'BUDGET' ? c.value <= c.bound + 1e-6 : c.value >= c.bound - 1e-6;

  return (
    <Flex
      vertical
      gap={16}
      data-testid="optimizer-plan"
      data-before={plan.before.coverage}
      data-after={plan.after.coverage}
      data-status={result.status}
    >
      <h3 style={{ fontSize: 16, margin: 0 }}>{o('plan')}</h3>
      <Alert
        type={result.status === 'INFEASIBLE' ? 'error' : 'success'}
        showIcon
        title={`${o(`statuses.${result.status}`)} · ${o('methodUsed', { method: result.method })}`}
      />
      <Flex gap={40} wrap>
        <Statistic
          title={o('coverage')}
          value={`${percent(plan.before.coverage)} → ${percent(plan.after.coverage)}`}
        />
        <Statistic title={o('added')} value={`${result.addedHours} / ${plan.budget}`} />
        {result.gap !== undefined && <Statistic title={o('gap')} value={percent(result.gap)} />}
      </Flex>
      <BeforeAfter before={plan.before} after={plan.after} />
      <div>
        <h4 style={{ fontSize: 15 }}>{o('chosen')}</h4>
        <Table<Chosen>
          data-testid="plan-chosen"
          size="small"
          rowKey="id"
          dataSource={result.chosen}
          locale={{ emptyText: o('chosenNone') }}
          pagination={false}
          columns={[
            { title: o('module'), key: 'name', render: (_, c) => `${c.nameZh} (${c.id})` },
            { title: o('kind'), dataIndex: 'kind', render: (k: Chosen['kind']) => o(`kinds.${k}`) },
            { title: o('course'), dataIndex: 'courseCode', render: (s?: string) => s ?? '—' },
            { title: o('candidateHours'), dataIndex: 'hours', align: 'right' },
            { title: o('gain'), dataIndex: 'gainHours', align: 'right' },
            { title: o('raises'), key: 'raises', align: 'right', render: (_, c) => c.raises.length },
            { title: o('closes'), key: 'closes', render: (_, c) => c.closes.join(', ') || '—' },
          ]}
        />
      </div>
      <div>
        <h4 style={{ fontSize: 15 }}>{o('rules')}</h4>
        <Table<Constraint>
          data-testid="plan-rules"
          size="small"
          rowKey="name"
          dataSource={result.constraints}
          pagination={false}
          columns={[
            { title: o('rule'), key: 'text', render: (_, c) => (en ? c.text.en : c.text.zh) },
            {
              title: `${o('value')} / ${o('bound')}`,
              key: 'value',
              align: 'right',
              render: (_, c) => `${c.value} ${c.name === 'BUDGET' ? '≤' : '≥'} ${c.bound}`,
            },
            {
              title: o('satisfied'),
              key: 'ok',
              render: (_, c) =>
                satisfied(c) ? (
                  <Tag color="green">{o('satisfied')}</Tag>
                ) : (
                  <Tag color="red">{o('notSatisfied')}</Tag>
                ),
            },
            {
              title: o('binding'),
              dataIndex: 'binding',
              render: (b: boolean) => (b ? <Tag color="blue">{o('binding')}</Tag> : '—'),
            },
          ]}
        />
      </div>
      <div>
        <h4 style={{ fontSize: 15 }}>{o('explanation')}</h4>
        <ol data-testid="plan-explanation" style={{ margin: 0, paddingLeft: 20 }}>
          {result.explanation.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines are a fixed, ordered answer
            <li key={i}>{en ? line.en : line.zh}</li>
          ))}
        </ol>
      </div>
    </Flex>
  );
}

function BeforeAfter({ before, after }: { before: CoverageSummary; after: CoverageSummary }) {
  const { t } = useTranslation();
  const s = (key: string) => t(`curriculum.summary.${key}`);
  const rows = [
    { key: 'before', label: t('curriculum.optimizer.before'), ...before },
    { key: 'after', label: t('curriculum.optimizer.after'), ...after },
  ];
  return (
    <Table
      data-testid="plan-before-after"
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('curriculum.optimizer.beforeAfter'), dataIndex: 'label' },
        { title: s('coverage'), dataIndex: 'coverage', align: 'right', render: (c: number) => percent(c) },
        { title: s('covered'), dataIndex: 'covered', align: 'right' },
        { title: s('partial'), dataIndex: 'partial', align: 'right' },
        { title: s('uncovered'), dataIndex: 'uncovered', align: 'right' },
        { title: s('hoursNeeded'), dataIndex: 'hoursNeeded', align: 'right' },
      ]}
    />
  );
}

function CandidatesTable({
  candidates,
  ticked,
  onTick,
}: {
  candidates: CandidateModule[];
  ticked: string[];
  onTick: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const o = (key: string) => t(`curriculum.optimizer.${key}`);
  return (
    <div>
      <h3 style={{ fontSize: 16 }}>{o('candidates')}</h3>
      <Table<CandidateModule>
        data-testid="plan-candidates"
        size="small"
        rowKey="id"
        dataSource={candidates}
        pagination={false}
        rowSelection={{
          selectedRowKeys: ticked,
          onChange: (keys) => onTick(keys.map(String)),
          getCheckboxProps: (c) => ({ 'aria-label': c.nameZh }),
        }}
        columns={[
          { title: o('module'), key: 'name', render: (_, c) => `${c.nameZh} (${c.id})` },
          { title: o('kind'), dataIndex: 'kind', render: (k: CandidateModule['kind']) => o(`kinds.${k}`) },
          { title: o('candidateHours'), dataIndex: 'hours', align: 'right' },
          { title: o('candidatePractice'), dataIndex: 'practiceHours', align: 'right' },
          {
            title: o('elective'),
            dataIndex: 'elective',
            render: (e: boolean) => (e ? o('yes') : o('no')),
          },
          { title: o('covers'), key: 'covers', align: 'right', render: (_, c) => c.covers.length },
        ]}
      />
    </div>
  );
}
