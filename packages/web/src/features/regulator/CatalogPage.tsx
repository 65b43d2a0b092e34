import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Input,
  Modal,
  Radio,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../ErrorAlert.tsx';
import {
  type Certificate,
  type CertificateStatus,
  certificateSteps,
  regulatorApi,
  type Teo,
  type TeoStatus,
  teoSteps,
} from './api.ts';

const teoColor: Record<TeoStatus, string> = {
  APPLIED: 'blue',
  APPROVED: 'green',
  WARNED: 'orange',
  RECTIFYING: 'gold',
  EXITED: 'default',
  REVOKED: 'red',
};
const certificateColor: Record<CertificateStatus, string> = {
  DRAFT: 'default',
  PUBLIC_NOTICE: 'blue',
  ACTIVE: 'green',
  SUSPENDED: 'orange',
  RESTRICTED: 'gold',
  EXITED: 'default',
};

/** What the dialog changes: a TEO or a certificate, its current status and the steps it may take. */
type Subject =
  | { kind: 'teo'; id: string; code: string; from: TeoStatus }
  | { kind: 'certificate'; id: string; code: string; from: CertificateStatus };

const TEOS_KEY = ['regulator', 'teos'] as const;
const CERTIFICATES_KEY = ['regulator', 'certificates'] as const;

/** The regulator's catalog approval: TEOs and certificates with their lifecycle status and its changes. */
export function CatalogPage() {
  const { t } = useTranslation();
  const [subject, setSubject] = useState<Subject | null>(null);
  const teos = useQuery({ queryKey: TEOS_KEY, queryFn: regulatorApi.teos });
  const certificates = useQuery({ queryKey: CERTIFICATES_KEY, queryFn: regulatorApi.certificates });
  const applied = teos.data?.items.filter((x) => x.status === 'APPLIED').length ?? 0;

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('regulator.catalogTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('regulator.catalogIntro')}</Typography.Paragraph>
      </div>
      {teos.isError && <ErrorAlert error={teos.error} />}
      {certificates.isError && <ErrorAlert error={certificates.error} />}
      <Tabs
        items={[
          {
            key: 'teos',
            label: (
              <span>
                {t('regulator.teos')}{' '}
                {applied > 0 && (
                  <Tag color="blue" data-testid="applied-count">
                    {t('regulator.teoStatus.APPLIED')} {applied}
                  </Tag>
                )}
              </span>
            ),
            children: (
              <TeoTable
                teos={teos.data?.items ?? []}
                loading={teos.isLoading}
                onChange={(x) => setSubject({ kind: 'teo', id: x.id, code: x.code, from: x.status })}
              />
            ),
          },
          {
            key: 'certificates',
            label: t('regulator.certificates'),
            children: (
              <CertificateTable
                certificates={certificates.data?.items ?? []}
                loading={certificates.isLoading}
                onChange={(x) => setSubject({ kind: 'certificate', id: x.id, code: x.code, from: x.status })}
              />
            ),
          },
        ]}
      />
      {subject && <TransitionDialog subject={subject} onClose={() => setSubject(null)} />}
    </Flex>
  );
}

/** A status filter and a text search over code and names, above a table. */
function Filters<S extends string>({
  statuses,
  counts,
  status,
  onStatus,
  search,
  onSearch,
  label,
}: {
  statuses: readonly S[];
  counts: Record<string, number>;
  status: S | 'ALL';
  onStatus: (s: S | 'ALL') => void;
  search: string;
  onSearch: (s: string) => void;
  label: (s: S) => string;
}) {
  const { t } = useTranslation();
  const statusId = useId();
  const searchId = useId();
  return (
    <Flex gap={16} wrap align="end" style={{ marginBottom: 12 }}>
      <div>
        <label htmlFor={statusId} style={{ display: 'block', marginBottom: 4 }}>
          {t('regulator.statusFilter')}
        </label>
        <Select
          id={statusId}
          style={{ width: 200 }}
          value={status}
          onChange={onStatus}
          options={[
            { value: 'ALL' as const, label: t('regulator.allStatuses') },
            ...statuses.map((s) => ({ value: s, label: `${label(s)} (${counts[s] ?? 0})` })),
          ]}
        />
      </div>
      <div>
        <label htmlFor={searchId} style={{ display: 'block', marginBottom: 4 }}>
          {t('regulator.search')}
        </label>
        <Input
          id={searchId}
          allowClear
          style={{ width: 280 }}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
    </Flex>
  );
}

const matches = (search: string, ...texts: string[]) => {
  const q = search.trim().toLowerCase();
  return q === '' || texts.some((x) => x.toLowerCase().includes(q));
};
const countBy = <T,>(items: T[], key: (x: T) => string) =>
  items.reduce<Record<string, number>>((acc, x) => {
    acc[key(x)] = (acc[key(x)] ?? 0) + 1;
    return acc;
  }, {});

function TeoTable({
  teos,
  loading,
  onChange,
}: {
  teos: Teo[];
  loading: boolean;
  onChange: (teo: Teo) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [status, setStatus] = useState<TeoStatus | 'ALL'>('ALL');
  const [search, setSearch] = useState('');
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
  const shown = teos.filter(
    (x) => (status === 'ALL' || x.status === status) && matches(search, x.code, x.nameZh, x.nameEn),
  );
  const columns: ColumnsType<Teo> = [
    { title: t('regulator.code'), dataIndex: 'code', width: 130 },
    {
      title: t('regulator.name'),
      key: 'name',
      render: (_, x) => (
        <>
          {en ? x.nameEn : x.nameZh}
          {x.synthetic && (
            <Tag style={{ marginInlineStart: 8 }} bordered={false}>
              {t('regulator.synthetic')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('regulator.orgType'), key: 'orgType', render: (_, x) => t(`regulator.orgTypes.${x.orgType}`) },
    {
      title: t('regulator.status'),
      key: 'status',
      render: (_, x) => (
        <Tag color={teoColor[x.status]} data-testid="teo-status">
          {t(`regulator.teoStatus.${x.status}`)}
        </Tag>
      ),
    },
    { title: t('regulator.appliedAt'), key: 'appliedAt', render: (_, x) => when(x.appliedAt) },
    { title: t('regulator.approvedAt'), key: 'approvedAt', render: (_, x) => when(x.approvedAt) },
    {
      title: t('regulator.exitReason'),
      key: 'exit',
      render: (_, x) => (x.exitedAt ? `${when(x.exitedAt)} · ${x.exitReason ?? ''}` : '—'),
    },
    {
      title: t('regulator.actions'),
      key: 'actions',
      render: (_, x) =>
        teoSteps[x.status].length > 0 ? (
          <Button size="small" onClick={() => onChange(x)} aria-label={`${t('regulator.change')} ${x.code}`}>
            {t('regulator.change')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('regulator.noChange')}</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <Filters
        statuses={Object.keys(teoSteps) as TeoStatus[]}
        counts={countBy(teos, (x) => x.status)}
        status={status}
        onStatus={setStatus}
        search={search}
        onSearch={setSearch}
        label={(s) => t(`regulator.teoStatus.${s}`)}
      />
      <Table<Teo>
        data-testid="teo-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={shown}
        columns={columns}
        locale={{ emptyText: t('regulator.empty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      />
    </>
  );
}

function CertificateTable({
  certificates,
  loading,
  onChange,
}: {
  certificates: Certificate[];
  loading: boolean;
  onChange: (certificate: Certificate) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [status, setStatus] = useState<CertificateStatus | 'ALL'>('ALL');
  const [search, setSearch] = useState('');
  const shown = certificates.filter(
    (x) =>
      (status === 'ALL' || x.status === status) &&
      matches(search, x.code, x.nameZh, x.nameEn, x.teo.code, x.teo.nameZh),
  );
  const columns: ColumnsType<Certificate> = [
    { title: t('regulator.code'), dataIndex: 'code', width: 130 },
    { title: t('regulator.name'), key: 'name', render: (_, x) => (en ? x.nameEn : x.nameZh) },
    {
      title: t('regulator.teo'),
      key: 'teo',
      render: (_, x) => (
        <>
          {x.teo.code}{' '}
          <Tag color={teoColor[x.teo.status]} bordered={false}>
            {t(`regulator.teoStatus.${x.teo.status}`)}
          </Tag>
        </>
      ),
    },
    {
      title: t('regulator.levels'),
      key: 'levels',
      render: (_, x) => x.levels.map((l) => <Tag key={l.level}>{en ? l.nameEn : l.nameZh}</Tag>),
    },
    { title: t('regulator.domain'), dataIndex: 'domain' },
    {
      title: t('regulator.status'),
      key: 'status',
      render: (_, x) => (
        <Tag color={certificateColor[x.status]} data-testid="certificate-status">
          {t(`regulator.certificateStatus.${x.status}`)}
        </Tag>
      ),
    },
    {
      title: t('regulator.actions'),
      key: 'actions',
      render: (_, x) =>
        certificateSteps[x.status].length > 0 ? (
          <Button size="small" onClick={() => onChange(x)} aria-label={`${t('regulator.change')} ${x.code}`}>
            {t('regulator.change')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('regulator.noChange')}</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <Filters
        statuses={Object.keys(certificateSteps) as CertificateStatus[]}
        counts={countBy(certificates, (x) => x.status)}
        status={status}
        onStatus={setStatus}
        search={search}
        onSearch={setSearch}
        label={(s) => t(`regulator.certificateStatus.${s}`)}
      />
      <Table<Certificate>
        data-testid="certificate-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={shown}
        columns={columns}
        locale={{ emptyText: t('regulator.empty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      />
    </>
  );
}

/**
 * One lifecycle step of a TEO or certificate: the new status, a reason, for a TEO's exit whether it
 * is voluntary, and a confirmation. A refusal of the API (its rules decide) shows its coded error.
 */
function TransitionDialog({ subject, onClose }: { subject: Subject; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [voluntary, setVoluntary] = useState(true);
  const [confirmed, setConfirmed] = useState(false);
  const [touched, setTouched] = useState(false);
  const isTeo = subject.kind === 'teo';
  const steps: readonly string[] = isTeo ? teoSteps[subject.from] : certificateSteps[subject.from];
  const statusName = (s: string) => t(`regulator.${isTeo ? 'teoStatus' : 'certificateStatus'}.${s}`);
  const actionName = (s: string) =>
    isTeo
      ? t(`regulator.teoAction.${s === 'APPROVED' && subject.from !== 'APPLIED' ? 'REINSTATE' : s}`)
      : t(`regulator.certificateAction.${s}`);

  const change = useMutation({
    mutationFn: (): Promise<unknown> =>
      subject.kind === 'teo'
        ? regulatorApi.transitionTeo(subject.id, {
            to: to as TeoStatus,
            reason: reason.trim(),
            ...(to === 'EXITED' ? { voluntary } : {}),
          })
        : regulatorApi.transitionCertificate(subject.id, {
            to: to as CertificateStatus,
            reason: reason.trim(),
          }),
    onSuccess: async () => {
      void message.success(t('regulator.done', { code: subject.code, to: statusName(to!) }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TEOS_KEY }),
        queryClient.invalidateQueries({ queryKey: CERTIFICATES_KEY }),
        queryClient.invalidateQueries({ queryKey: ['regulator', 'trust-list'] }),
      ]);
      onClose();
    },
  });
  const problems = [
    !to && t('regulator.targetRequired'),
    !reason.trim() && t('regulator.reasonRequired'),
    !confirmed && t('regulator.confirmRequired'),
  ].filter((p): p is string => Boolean(p));

  const submit = () => {
    setTouched(true);
    if (problems.length === 0) change.mutate();
  };

  return (
    <Modal
      open
      title={t(isTeo ? 'regulator.dialogTeo' : 'regulator.dialogCertificate', { code: subject.code })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('regulator.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={to === 'REVOKED'}
          loading={change.isPending}
          onClick={submit}
        >
          {t('regulator.submit')}
        </Button>,
      ]}
    >
      <form
        data-testid="transition-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Flex vertical gap={12}>
          <div>
            {t('regulator.current')}:{' '}
            <Tag
              color={
                isTeo
                  ? teoColor[subject.from as TeoStatus]
                  : certificateColor[subject.from as CertificateStatus]
              }
            >
              {statusName(subject.from)}
            </Tag>
          </div>
          <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('regulator.target')}</legend>
            <Radio.Group
              value={to}
              onChange={(e) => {
                setTo(e.target.value as string);
                setConfirmed(false);
                change.reset();
              }}
            >
              <Flex vertical gap={4}>
                {steps.map((s) => (
                  <Radio key={s} value={s}>
                    {actionName(s)} → {statusName(s)}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </fieldset>
          {isTeo && to === 'EXITED' && (
            <Checkbox checked={voluntary} onChange={(e) => setVoluntary(e.target.checked)}>
              {t('regulator.voluntary')}
            </Checkbox>
          )}
          <div>
            <label htmlFor={reasonId} style={{ display: 'block', marginBottom: 4 }}>
              {t('regulator.reason')}
            </label>
            <Input.TextArea
              id={reasonId}
              rows={3}
              maxLength={500}
              placeholder={t('regulator.reasonPlaceholder')}
              value={reason}
              status={touched && !reason.trim() ? 'error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {to && (
            <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
              {t('regulator.confirm', {
                code: subject.code,
                from: statusName(subject.from),
                to: statusName(to),
              })}
            </Checkbox>
          )}
          {touched && problems.length > 0 && (
            <Typography.Text type="danger" role="alert">
              {problems.join(' ')}
            </Typography.Text>
          )}
          {change.isError && (
            <Alert
              data-testid="transition-error"
              type="error"
              showIcon
              role="alert"
              title={t('regulator.refused')}
              description={errorText(change.error, i18n.language)}
            />
          )}
        </Flex>
      </form>
    </Modal>
  );
}
