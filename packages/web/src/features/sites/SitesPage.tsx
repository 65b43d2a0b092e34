import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type Certificate, standardsApi } from '../standards/api.ts';
import { mayWriteFor, useTeoScope } from '../standards/teo-scope.tsx';
import { type CreateSiteBody, type Site, type SiteStatus, sitesApi } from './api.ts';

const statusColor: Record<SiteStatus, string> = {
  PENDING: 'gold',
  APPROVED: 'green',
  SUSPENDED: 'orange',
  CLOSED: 'default',
};

type Action = 'approve' | 'reinstate' | 'suspend' | 'close';
/** What each status may become, as the site lifecycle allows (PENDING → APPROVED | CLOSED, …). */
const actionsOf: Record<SiteStatus, Action[]> = {
  PENDING: ['approve', 'close'],
  APPROVED: ['suspend', 'close'],
  SUSPENDED: ['reinstate', 'close'],
  CLOSED: [],
};

/** `/teo/sites`: a TEO's assessment sites; its admin creates, approves, suspends, reinstates and closes them. */
export function SitesPage() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const { teoId, picker } = useTeoScope();
  const mayWrite = mayWriteFor(principal, teoId);
  const lang = i18n.language;
  const sites = useQuery({
    queryKey: ['sites', teoId],
    queryFn: () => sitesApi.sites(teoId!),
    enabled: teoId !== null,
  });
  const certificates = useQuery({
    queryKey: ['certificates', teoId],
    queryFn: () => standardsApi.certificates(teoId!),
    enabled: teoId !== null,
  });
  const provinces = useQuery({ queryKey: ['provinces'], queryFn: sitesApi.provinces, staleTime: Infinity });
  const [acting, setActing] = useState<{ site: Site; action: Action } | null>(null);
  const certs = certificates.data?.items ?? [];
  const provinceName = (code: string) => {
    const p = provinces.data?.items.find((x) => x.code === code);
    return p ? (lang === 'en' ? p.nameEn : p.nameZh) : code;
  };
  const levelLabel = (certificateId: string, level: number) => {
    const c = certs.find((x) => x.id === certificateId);
    const l = c?.levels.find((x) => x.level === level);
    return t('sites.levelTag', {
      code: c?.code ?? certificateId,
      level: l ? (lang === 'en' ? l.nameEn : l.nameZh) : level,
    });
  };
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang) : '—');

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('sites.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('sites.intro')}</Typography.Paragraph>
      </div>
      {picker}
      {!teoId && !picker && <Alert type="info" showIcon title={t('sites.noTeo')} />}
      {teoId && !mayWrite && (
        <Alert type="info" showIcon title={t('sites.readOnly')} data-testid="read-only" />
      )}
      {teoId && (
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('sites.list')}</h2>}>
          {sites.isError && <ErrorAlert error={sites.error} />}
          <Table<Site>
            data-testid="sites"
            rowKey="id"
            size="small"
            loading={sites.isLoading}
            dataSource={sites.data?.items ?? []}
            locale={{ emptyText: t('sites.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(s) => ({ 'data-testid': `site-${s.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('sites.code'), dataIndex: 'code' },
              { title: t('sites.name'), dataIndex: 'nameZh' },
              {
                title: t('sites.host'),
                key: 'host',
                render: (_, s) => (
                  <>
                    <Tag>{t(`sites.${s.hostType}`)}</Tag>
                    {s.hostNameZh}
                  </>
                ),
              },
              { title: t('sites.province'), dataIndex: 'provinceCode', render: provinceName },
              { title: t('sites.capacityCol'), dataIndex: 'capacity', align: 'right' },
              {
                title: t('sites.levels'),
                key: 'levels',
                render: (_, s) =>
                  s.certificateLevels.map((l) => (
                    <Tag key={`${l.certificateId}/${l.level}`} color="blue">
                      {levelLabel(l.certificateId, l.level)}
                    </Tag>
                  )),
              },
              {
                title: t('sites.status'),
                dataIndex: 'status',
                render: (s: SiteStatus) => (
                  <Tag color={statusColor[s]} data-testid="site-status">
                    {t(`sites.${s}`)}
                  </Tag>
                ),
              },
              { title: t('sites.createdAt'), dataIndex: 'createdAt', render: when },
              { title: t('sites.approvedAt'), dataIndex: 'approvedAt', render: when },
              ...(mayWrite
                ? [
                    {
                      title: t('sites.actions'),
                      key: 'actions',
                      render: (_: unknown, s: Site) => (
                        <Space wrap size={4}>
                          {actionsOf[s.status].map((action) => (
                            <Button
                              key={action}
                              size="small"
                              danger={action === 'close' || action === 'suspend'}
                              type={action === 'approve' ? 'primary' : 'default'}
                              aria-label={`${t(`sites.${action}`)} ${s.code}`}
                              onClick={() => setActing({ site: s, action })}
                            >
                              {t(`sites.${action}`)}
                            </Button>
                          ))}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {teoId && mayWrite && <CreateSite teoId={teoId} certificates={certs} />}
      {acting && <ActionDialog {...acting} onClose={() => setActing(null)} />}
    </Flex>
  );
}

/** Each field's problem from a refused request: `body.capacity` and `capacity` both name `capacity`. */
function fieldErrorsOf(error: unknown, lang: string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.problem.details.issues ?? []) {
    const field = issue.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    out[field] = out[field] ? `${out[field]}; ${issue.message}` : issue.message;
  }
  // A taken site code is a conflict, not a validation failure, but it is still the code field's.
  if (error.problem.code === 'ASSESSMENT_DUPLICATE' && 'code' in error.problem.details) {
    out.code = lang === 'en' ? error.problem.message : (error.problem.messageZh ?? error.problem.message);
  }
  return out;
}

function Field({
  label,
  error,
  children,
  id,
}: {
  label: string;
  error: string | undefined;
  children: ReactNode;
  id: string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
      {error && (
        <Typography.Text
          type="danger"
          id={`${id}-error`}
          data-testid="field-error"
          style={{ display: 'block' }}
        >
          {t('sites.fieldInvalid', { field: label })}: {error}
        </Typography.Text>
      )}
    </div>
  );
}

function CreateSite({ teoId, certificates }: { teoId: string; certificates: Certificate[] }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const lang = i18n.language;
  const ids = {
    code: useId(),
    name: useId(),
    institution: useId(),
    hostName: useId(),
    province: useId(),
    capacity: useId(),
  };
  const institutions = useQuery({ queryKey: ['institutions'], queryFn: sitesApi.institutions });
  const provinces = useQuery({ queryKey: ['provinces'], queryFn: sitesApi.provinces, staleTime: Infinity });
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [hostType, setHostType] = useState<CreateSiteBody['hostType']>('INSTITUTION');
  const [hostInstitutionId, setHostInstitutionId] = useState<string | undefined>();
  const [hostNameZh, setHostNameZh] = useState('');
  const [provinceCode, setProvinceCode] = useState<string | undefined>();
  const [capacity, setCapacity] = useState<number | null>(30);
  const [levels, setLevels] = useState<string[]>([]);

  const create = useMutation({
    mutationFn: () =>
      sitesApi.create({
        code,
        nameZh,
        teoId,
        hostType,
        ...(hostType === 'INSTITUTION' && hostInstitutionId ? { hostInstitutionId } : {}),
        ...(hostType === 'ENTERPRISE' ? { hostNameZh } : {}),
        ...(provinceCode ? { provinceCode } : {}),
        // Sent as typed: the API judges it and names the field.
        capacity: capacity as number,
        certificateLevels: levels.map((l) => {
          const [certificateId, level] = l.split('#');
          return { certificateId: certificateId!, level: Number(level) as 1 | 2 | 3 };
        }),
      }),
    onSuccess: async (site) => {
      void message.success(t('sites.created', { code: site.code }));
      setCode('');
      setNameZh('');
      await queryClient.invalidateQueries({ queryKey: ['sites', teoId] });
    },
  });
  const errors = fieldErrorsOf(create.error, lang);
  const levelOptions = certificates.flatMap((c) =>
    c.levels.map((l) => ({
      value: `${c.id}#${l.level}`,
      label: t('sites.levelTag', { code: c.code, level: lang === 'en' ? l.nameEn : l.nameZh }),
    })),
  );

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('sites.create')}</h2>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        data-testid="create-site"
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('sites.createIntro')}</Typography.Text>
          <Row gutter={[16, 12]}>
            <Col xs={24} md={8}>
              <Field id={ids.code} label={t('sites.code')} error={errors.code}>
                <Input
                  id={ids.code}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  status={errors.code ? 'error' : undefined}
                />
              </Field>
            </Col>
            <Col xs={24} md={16}>
              <Field id={ids.name} label={t('sites.name')} error={errors.nameZh}>
                <Input
                  id={ids.name}
                  value={nameZh}
                  onChange={(e) => setNameZh(e.target.value)}
                  status={errors.nameZh ? 'error' : undefined}
                />
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('sites.hostType')}</legend>
                <Radio.Group
                  value={hostType}
                  onChange={(e) => setHostType(e.target.value)}
                  options={(['INSTITUTION', 'ENTERPRISE'] as const).map((v) => ({
                    value: v,
                    label: t(`sites.${v}`),
                  }))}
                />
              </fieldset>
            </Col>
            <Col xs={24} md={16}>
              {hostType === 'INSTITUTION' ? (
                <Field
                  id={ids.institution}
                  label={t('sites.hostInstitution')}
                  error={errors.hostInstitutionId}
                >
                  <Select
                    id={ids.institution}
                    style={{ width: '100%' }}
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('sites.chooseInstitution')}
                    loading={institutions.isLoading}
                    value={hostInstitutionId}
                    onChange={setHostInstitutionId}
                    status={errors.hostInstitutionId ? 'error' : undefined}
                    options={(institutions.data?.items ?? []).map((i) => ({
                      value: i.id,
                      label: `${i.code} · ${lang === 'en' ? i.nameEn : i.nameZh}`,
                    }))}
                  />
                </Field>
              ) : (
                <Field id={ids.hostName} label={t('sites.hostName')} error={errors.hostNameZh}>
                  <Input
                    id={ids.hostName}
                    value={hostNameZh}
                    onChange={(e) => setHostNameZh(e.target.value)}
                    status={errors.hostNameZh ? 'error' : undefined}
                  />
                </Field>
              )}
            </Col>
            <Col xs={24} md={8}>
              <Field
                id={ids.province}
                label={hostType === 'INSTITUTION' ? t('sites.provinceOptional') : t('sites.province')}
                error={errors.provinceCode}
              >
                <Select
                  id={ids.province}
                  style={{ width: '100%' }}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('sites.chooseProvince')}
                  value={provinceCode}
                  onChange={setProvinceCode}
                  status={errors.provinceCode ? 'error' : undefined}
                  options={(provinces.data?.items ?? []).map((p) => ({
                    value: p.code,
                    label: `${p.code} ${lang === 'en' ? p.nameEn : p.nameZh}`,
                  }))}
                />
              </Field>
            </Col>
            <Col xs={24} md={8}>
              <Field id={ids.capacity} label={t('sites.capacity')} error={errors.capacity}>
                <InputNumber
                  id={ids.capacity}
                  style={{ width: '100%' }}
                  value={capacity}
                  onChange={(v) => setCapacity(v)}
                  status={errors.capacity ? 'error' : undefined}
                />
              </Field>
            </Col>
            <Col xs={24}>
              <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('sites.levelsLegend')}</legend>
                {levelOptions.length === 0 ? (
                  <Typography.Text type="secondary">{t('sites.noLevels')}</Typography.Text>
                ) : (
                  <Checkbox.Group
                    value={levels}
                    onChange={(v) => setLevels(v.map(String))}
                    options={levelOptions}
                  />
                )}
                {errors.certificateLevels && (
                  <Typography.Text type="danger" data-testid="field-error" style={{ display: 'block' }}>
                    {t('sites.fieldInvalid', { field: t('sites.levelsLegend') })}: {errors.certificateLevels}
                  </Typography.Text>
                )}
              </fieldset>
            </Col>
          </Row>
          {create.isError && (
            <div data-testid="create-error">
              <ErrorAlert error={create.error} />
            </div>
          )}
          <div>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('sites.submit')}
            </Button>
          </div>
        </Flex>
      </form>
    </Card>
  );
}

/** Approve, reinstate, suspend or close one site, with the reason kept in its history. */
function ActionDialog({ site, action, onClose }: { site: Site; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: () => {
      const why = reason.trim() ? { reason: reason.trim() } : {};
      if (action === 'approve' || action === 'reinstate') return sitesApi.approve(site.id, why);
      return sitesApi.transition(site.id, { to: action === 'suspend' ? 'SUSPENDED' : 'CLOSED', ...why });
    },
    onSuccess: async (next) => {
      void message.success(t('sites.changed', { code: next.code, status: t(`sites.${next.status}`) }));
      await queryClient.invalidateQueries({ queryKey: ['sites', next.teoId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t(`sites.${action}Title`, { code: site.code })}
      okText={t('sites.confirm')}
      cancelText={t('sites.cancel')}
      okButtonProps={{ danger: action === 'close' || action === 'suspend', loading: run.isPending }}
      onOk={() => run.mutate()}
      onCancel={onClose}
    >
      <Flex vertical gap={12}>
        <div>
          <label htmlFor={reasonId} style={{ display: 'block', marginBottom: 4 }}>
            {t('sites.reasonOptional')}
          </label>
          <Input.TextArea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 2 }}
          />
        </div>
        {run.isError && <ErrorAlert error={run.error} />}
      </Flex>
    </Modal>
  );
}
