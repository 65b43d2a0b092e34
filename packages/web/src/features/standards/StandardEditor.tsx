import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import {
  type Certificate,
  type LevelCode,
  type SkillStandardWithNodes,
  type StandardTree,
  standardsApi,
} from './api.ts';
import {
  bodyOf,
  emptyRequirement,
  type FieldError,
  findNode,
  keyOf,
  type NodeKind,
  nextCode,
  parseKey,
  placeIssues,
  produce,
  type Requirement,
  treeOf,
} from './tree.ts';

/** Where the editor saves: a new version of a certificate, or the draft it shows. */
export type SaveTarget = { kind: 'create' } | { kind: 'update'; standardId: string };

interface Props {
  certificate: Certificate;
  initial: StandardTree;
  /** Absent: read-only (a published version, or an account that may not change it). */
  saveTo?: SaveTarget;
  onSaved?: (saved: SkillStandardWithNodes) => void;
  /** More actions next to Save (e.g. Publish), told whether there are unsaved changes. */
  actions?: (state: { dirty: boolean }) => ReactNode;
}

const allKeys = (tree: StandardTree): string[] =>
  tree.levels.flatMap((l) => [
    keyOf(l.level),
    ...l.areas.flatMap((a) => [keyOf(l.level, a.code), ...a.tasks.map((t) => keyOf(l.level, t.code))]),
  ]);

const textFields = ['titleZh', 'titleEn'] as const;
const elementFields = ['behaviour', 'condition', 'standard', 'result'] as const;

/**
 * The tree of a skill standard version (level → work area → work task → skill requirement) and,
 * for a draft, its editor: add, rename and remove nodes, edit a requirement's four elements, save.
 * The API validates what is saved and names every bad field; those show next to the fields.
 */
export function StandardEditor({ certificate, initial, saveTo, onSaved, actions }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const editable = saveTo !== undefined;
  const [baseline, setBaseline] = useState(initial);
  const [tree, setTree] = useState(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>(() => allKeys(initial));
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const dirty = JSON.stringify(tree) !== JSON.stringify(baseline);

  const levelName = (level: LevelCode) => {
    const l = certificate.levels.find((x) => x.level === level);
    return t('standards.levelName', { level, name: l ? (i18n.language === 'en' ? l.nameEn : l.nameZh) : '' });
  };
  const errorsAt = (key: string) => fieldErrors.filter((e) => e.key === key);

  const save = useMutation({
    mutationFn: (sent: StandardTree) =>
      saveTo?.kind === 'update'
        ? standardsApi.saveDraft(saveTo.standardId, bodyOf(sent))
        : standardsApi.createVersion(certificate.id, bodyOf(sent)),
    onMutate: () => setFieldErrors([]),
    onSuccess: (saved) => {
      const next = treeOf(saved);
      setBaseline(next);
      setTree(next);
      void message.success(t('standards.saved'));
      onSaved?.(saved);
    },
    onError: (error, sent) => {
      if (error instanceof ApiError && error.problem.code === 'VALIDATION_FAILED') {
        setFieldErrors(placeIssues(sent, error.problem.details.issues ?? []));
      }
    },
  });

  const update = (edit: (draft: StandardTree) => void) => setTree((current) => produce(current, edit));
  const select = (key: string) => {
    setSelected(key);
    const { level, code } = parseKey(key);
    // Open the way down to it.
    const parts = code?.split('.') ?? [];
    const path = parts.map((_, i) => keyOf(level, parts.slice(0, i).join('.') || null));
    setExpanded((e) => [...new Set([...e, ...path])]);
  };

  const add = (parentKey: string) => {
    const found = findNode(tree, parentKey);
    if (!found || found.kind === 'REQUIREMENT') return;
    // The new code is worked out on the tree shown (the one the click was on).
    const code =
      found.kind === 'LEVEL'
        ? nextCode(found.level.areas, null)
        : found.kind === 'AREA'
          ? nextCode(found.area!.tasks, found.area!.code!)
          : nextCode(found.task!.requirements, found.task!.code!);
    update((draft) => {
      const node = findNode(draft, parentKey)!;
      if (node.kind === 'LEVEL') node.level.areas.push({ code, titleZh: '', tasks: [] });
      else if (node.kind === 'AREA') node.area!.tasks.push({ code, titleZh: '', requirements: [] });
      else node.task!.requirements.push(emptyRequirement(code));
    });
    select(keyOf(found.level.level, code));
  };

  const addLevel = (level: LevelCode) => {
    update((draft) => {
      draft.levels.push({ level, areas: [] });
      draft.levels.sort((a, b) => a.level - b.level);
    });
    select(keyOf(level));
  };

  const remove = (key: string) => {
    const { level, code } = parseKey(key);
    update((draft) => {
      if (!code) {
        draft.levels = draft.levels.filter((l) => l.level !== level);
        return;
      }
      const node = findNode(draft, key);
      if (!node) return;
      if (node.kind === 'AREA') node.level.areas = node.level.areas.filter((a) => a.code !== code);
      if (node.kind === 'TASK') node.area!.tasks = node.area!.tasks.filter((x) => x.code !== code);
      if (node.kind === 'REQUIREMENT')
        node.task!.requirements = node.task!.requirements.filter((r) => r.code !== code);
    });
    const parent = code?.split('.').slice(0, -1).join('.') || null;
    setSelected(code ? keyOf(level, parent) : null);
  };

  const setField = (key: string, field: string, value: string) =>
    update((draft) => {
      if (key === '') {
        (draft as unknown as Record<string, string>)[field] = value;
        return;
      }
      const node = findNode(draft, key);
      const target = node?.requirement ?? node?.task ?? node?.area;
      if (target) (target as unknown as Record<string, string>)[field] = value;
    });

  const title = (kind: NodeKind, code: string | null | undefined, name: string, key: string) => {
    const bad = errorsAt(key).length > 0;
    return (
      <span data-testid="tree-node" data-key={key} data-kind={kind}>
        {code && <Typography.Text code>{code}</Typography.Text>}{' '}
        <span style={{ color: bad ? '#cf1322' : undefined }}>{name || t('standards.untitled')}</span>
        {bad && (
          <Tag color="error" style={{ marginInlineStart: 6 }}>
            !
          </Tag>
        )}
      </span>
    );
  };
  const treeData = tree.levels.map((l) => {
    const lk = keyOf(l.level);
    return {
      key: lk,
      title: title('LEVEL', null, levelName(l.level), lk),
      children: l.areas.map((a) => {
        const ak = keyOf(l.level, a.code);
        return {
          key: ak,
          title: title('AREA', a.code, a.titleZh, ak),
          children: a.tasks.map((task) => {
            const tk = keyOf(l.level, task.code);
            return {
              key: tk,
              title: title('TASK', task.code, task.titleZh, tk),
              children: task.requirements.map((r) => {
                const rk = keyOf(l.level, r.code);
                return { key: rk, title: title('REQUIREMENT', r.code, r.titleZh, rk), isLeaf: true };
              }),
            };
          }),
        };
      }),
    };
  });

  const missingLevels = certificate.levels
    .map((l) => l.level)
    .filter((level) => !tree.levels.some((l) => l.level === level));
  const node = selected ? findNode(tree, selected) : null;
  const standardErrors = errorsAt('');

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex vertical gap={12}>
          <Row gutter={16}>
            {(['titleZh', 'titleEn'] as const).map((field) => (
              <Col xs={24} md={12} key={field}>
                <TextField
                  label={t(field === 'titleZh' ? 'standards.standardTitleZh' : 'standards.standardTitleEn')}
                  value={tree[field]}
                  editable={editable}
                  onChange={(v) => setField('', field, v)}
                  errors={standardErrors.filter((e) => e.field === field)}
                  testId={`standard-${field}`}
                />
              </Col>
            ))}
          </Row>
          {editable && (
            <Space wrap>
              <Button
                type="primary"
                loading={save.isPending}
                disabled={saveTo.kind === 'update' && !dirty}
                onClick={() => save.mutate(tree)}
              >
                {t('standards.save')}
              </Button>
              <Button
                disabled={!dirty}
                onClick={() => {
                  setTree(baseline);
                  setFieldErrors([]);
                  save.reset();
                }}
              >
                {t('standards.discard')}
              </Button>
              {dirty && (
                <Tag color="warning" data-testid="unsaved">
                  {t('standards.unsaved')}
                </Tag>
              )}
              {actions?.({ dirty })}
            </Space>
          )}
          {save.isError && (
            <div data-testid="save-error">
              {fieldErrors.length > 0 ? (
                <IssueList errors={fieldErrors} tree={tree} onGo={select} levelName={levelName} />
              ) : (
                <ErrorAlert error={save.error} />
              )}
            </div>
          )}
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('standards.structure')}</h2>} size="small">
            <div data-testid="standard-tree">
              <Tree
                blockNode
                showLine
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
              />
            </div>
            {editable && missingLevels.length > 0 && (
              <Space wrap style={{ marginTop: 12 }}>
                {missingLevels.map((level) => (
                  <Button key={level} size="small" onClick={() => addLevel(level)}>
                    {t('standards.addLevel')}: {levelName(level)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            title={
              <h2 style={{ fontSize: 16, margin: 0 }}>
                {editable ? t('standards.editor') : t('standards.details')}
                {node && (
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                    {t(`standards.kind.${node.kind}`)}{' '}
                    {node.kind === 'LEVEL'
                      ? levelName(node.level.level)
                      : (node.requirement ?? node.task ?? node.area)?.code}
                  </Typography.Text>
                )}
              </h2>
            }
            size="small"
          >
            {!node || !selected ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standards.selectNode')} />
            ) : (
              <NodePanel
                key={selected}
                nodeKey={selected}
                kind={node.kind}
                fields={
                  node.kind === 'LEVEL'
                    ? null
                    : ((node.requirement ?? node.task ?? node.area) as Partial<Requirement>)
                }
                editable={editable}
                errors={errorsAt(selected)}
                canRemove={node.kind !== 'LEVEL' || tree.levels.length > 1}
                onChange={(field, value) => setField(selected, field, value)}
                onAdd={() => add(selected)}
                onRemove={() => remove(selected)}
                name={
                  node.kind === 'LEVEL'
                    ? levelName(node.level.level)
                    : ((node.requirement ?? node.task ?? node.area)?.titleZh ?? '')
                }
              />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function NodePanel({
  nodeKey,
  kind,
  fields,
  editable,
  errors,
  canRemove,
  onChange,
  onAdd,
  onRemove,
  name,
}: {
  nodeKey: string;
  kind: NodeKind;
  fields: Partial<Requirement> | null;
  editable: boolean;
  errors: FieldError[];
  canRemove: boolean;
  onChange: (field: string, value: string) => void;
  onAdd: () => void;
  onRemove: () => void;
  name: string;
}) {
  const { t } = useTranslation();
  const shown =
    kind === 'REQUIREMENT' ? [...textFields, ...elementFields] : kind === 'LEVEL' ? [] : textFields;
  const other = errors.filter((e) => !(shown as readonly string[]).includes(e.field));
  const addLabel = { LEVEL: 'addArea', AREA: 'addTask', TASK: 'addRequirement', REQUIREMENT: null }[kind];

  if (!editable) {
    return fields ? (
      <Descriptions column={1} size="small" bordered data-testid="node-details">
        {shown.map((field) => (
          <Descriptions.Item key={field} label={t(`standards.${field}`)}>
            {fields[field] || '—'}
          </Descriptions.Item>
        ))}
      </Descriptions>
    ) : (
      <Typography.Text type="secondary">{name}</Typography.Text>
    );
  }
  return (
    <Flex vertical gap={12} data-testid="node-editor" data-key={nodeKey}>
      {shown.map((field) => (
        <TextField
          key={field}
          label={t(`standards.${field}`)}
          value={fields?.[field] ?? ''}
          multiline={(elementFields as readonly string[]).includes(field)}
          editable
          onChange={(v) => onChange(field, v)}
          errors={errors.filter((e) => e.field === field)}
          testId={field}
        />
      ))}
      {other.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('standards.nodeInvalid')}
          description={other.map((e) => (
            <div key={`${e.path}: ${e.message}`}>
              <code>{e.path}</code>: {e.message}
            </div>
          ))}
        />
      )}
      <Space wrap>
        {addLabel && <Button onClick={onAdd}>{t(`standards.${addLabel}`)}</Button>}
        {canRemove && (
          <Popconfirm
            title={t('standards.removeConfirm', { name: name || t('standards.untitled') })}
            onConfirm={onRemove}
          >
            <Button danger>{t('standards.remove')}</Button>
          </Popconfirm>
        )}
      </Space>
    </Flex>
  );
}

function TextField({
  label,
  value,
  editable,
  multiline = false,
  onChange,
  errors,
  testId,
}: {
  label: string;
  value: string | undefined;
  editable: boolean;
  multiline?: boolean;
  onChange: (value: string) => void;
  errors: FieldError[];
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  if (!editable) {
    return (
      <div>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <div data-testid={testId}>{value || '—'}</div>
      </div>
    );
  }
  const invalid = errors.length > 0;
  const common = {
    id,
    value: value ?? '',
    status: invalid ? ('error' as const) : undefined,
    'aria-invalid': invalid,
    'aria-describedby': invalid ? errorId : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {multiline ? (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} {...common} />
      ) : (
        <Input {...common} />
      )}
      {invalid && (
        <Typography.Text type="danger" id={errorId} data-testid={`field-error-${testId}`}>
          {t('standards.fieldInvalid', { field: label })}: {errors.map((e) => e.message).join('; ')}
        </Typography.Text>
      )}
    </div>
  );
}

/** Every problem of a refused save, each a button that opens its node. */
function IssueList({
  errors,
  tree,
  onGo,
  levelName,
}: {
  errors: FieldError[];
  tree: StandardTree;
  onGo: (key: string) => void;
  levelName: (level: LevelCode) => string;
}) {
  const { t } = useTranslation();
  const where = (e: FieldError) => {
    if (!e.key) return t('standards.detail');
    const node = findNode(tree, e.key);
    if (!node) return e.key;
    if (node.kind === 'LEVEL') return levelName(node.level.level);
    const n = node.requirement ?? node.task ?? node.area;
    return `${levelName(node.level.level)} · ${t(`standards.kind.${node.kind}`)} ${n?.code ?? ''}`;
  };
  const known = new Set<string>([...textFields, ...elementFields]);
  const fieldName = (f: string) => (known.has(f) ? t(`standards.${f}`) : f);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`${t('standards.invalid', { count: errors.length })} (VALIDATION_FAILED)`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="issue-list">
          {errors.map((e) => (
            <li key={`${e.path}: ${e.message}`}>
              {e.key ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onGo(e.key)}>
                  {where(e)}
                </Button>
              ) : (
                where(e)
              )}
              {e.field && ` · ${fieldName(e.field)}`}: {e.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
