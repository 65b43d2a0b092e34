import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SkillNode, StandardDiff } from './api.ts';

type Change = 'added' | 'removed' | 'changed';
interface Row {
  key: string;
  change: Change;
  level: SkillNode['level'];
  code: string;
  kind: SkillNode['kind'];
  title: string;
  fields: { field: string; before: string | null; after: string | null }[];
}

export const changeColor: Record<Change, string> = { added: 'green', removed: 'red', changed: 'orange' };

/** What changed between two versions of a standard, node by node (level, code), with colour tags. */
export function StandardDiffView({ diff }: { diff: StandardDiff }) {
  const { t } = useTranslation();
  const field = (f: string) => t(`standards.field.${f}`, { defaultValue: f });
  const rows: Row[] = [
    ...diff.added.map((n) => ({ change: 'added' as const, n, fields: [] })),
    ...diff.removed.map((n) => ({ change: 'removed' as const, n, fields: [] })),
    ...diff.changed.map((c) => ({
      change: 'changed' as const,
      n: c.after,
      fields: c.fields.map((f) => ({
        field: f,
        before: String(c.before[f as keyof SkillNode] ?? '') || null,
        after: String(c.after[f as keyof SkillNode] ?? '') || null,
      })),
    })),
  ]
    .map(({ change, n, fields }) => ({
      key: `${change}/${n.level}/${n.code}`,
      change,
      level: n.level,
      code: n.code,
      kind: n.kind,
      title: n.titleZh,
      fields,
    }))
    .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code, 'en', { numeric: true }));

  return (
    <Flex vertical gap={12} data-testid="standard-diff">
      <Typography.Text data-testid="diff-summary">
        {t('standards.versionN', { version: diff.from.version })} →{' '}
        {t('standards.versionN', { version: diff.to.version })}
        {' · '}
        {t('standards.summary', {
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
        })}
      </Typography.Text>
      {rows.length === 0 ? (
        <Alert type="info" showIcon title={t('standards.noDifference')} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="key"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) =>
            ({ 'data-testid': 'diff-row', 'data-change': r.change }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('standards.change'),
              dataIndex: 'change',
              width: 90,
              render: (c: Change) => <Tag color={changeColor[c]}>{t(`standards.${c}`)}</Tag>,
            },
            { title: t('standards.level'), dataIndex: 'level', width: 70 },
            {
              title: t('standards.code'),
              dataIndex: 'code',
              width: 90,
              render: (c: string) => <code>{c}</code>,
            },
            {
              title: t('standards.node'),
              key: 'node',
              render: (_, r) => (
                <>
                  <Typography.Text type="secondary">{t(`standards.kind.${r.kind}`)}</Typography.Text>{' '}
                  {r.title}
                </>
              ),
            },
            {
              title: t('standards.fields'),
              key: 'fields',
              render: (_, r) =>
                r.fields.length === 0 ? (
                  '—'
                ) : (
                  <Flex vertical gap={4}>
                    {r.fields.map((f) => (
                      <div key={f.field} data-testid="diff-field" data-field={f.field}>
                        <Tag>{field(f.field)}</Tag>
                        <Typography.Text delete type="danger">
                          {f.before ?? '—'}
                        </Typography.Text>{' '}
                        → <Typography.Text type="success">{f.after ?? '—'}</Typography.Text>
                      </div>
                    ))}
                  </Flex>
                ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
