import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { enc } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { useSession } from '../auth/session.ts';
import { type ClosestLevels, curriculumApi, curriculumLinks } from '../curriculum/api.ts';
import { percent } from '../curriculum/format.ts';
import { type NewProgramme, type Programme, programmesApi } from './api.ts';
import { showFieldErrors } from './fieldErrors.ts';

/**
 * The institution whose programmes a page shows: the signed-in account's own institution, or,
 * for an account of no institution (the regulator), the one chosen in `?institution=`.
 */
export function useInstitutionId(): { institutionId: string | null; own: boolean } {
  const { principal } = useSession();
  const [params] = useSearchParams();
  if (principal?.orgKind === 'INSTITUTION' && principal.orgId)
    return { institutionId: principal.orgId, own: true };
  return { institutionId: params.get('institution'), own: false };
}

export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { institutionId, own } = useInstitutionId();
  const institution = useQuery({
    queryKey: ['institution', institutionId],
    queryFn: () => programmesApi.institution(institutionId!),
    enabled: institutionId !== null,
  });
  const programmes = useQuery({
    queryKey: ['programmes', institutionId],
    queryFn: () => programmesApi.programmes(institutionId!),
    enabled: institutionId !== null,
  });
  const inst = institution.data;

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('programmes.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('programmes.intro')}</Typography.Paragraph>
      </div>
      {!own && <InstitutionPicker value={institutionId} />}
      {institution.isError && <ErrorAlert error={institution.error} />}
      {inst && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="institution">
          <Descriptions.Item label={t('programmes.institution')}>
            {en ? inst.nameEn : inst.nameZh}
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.code')}>{inst.code}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.type')}>
            {t(`programmes.institutionTypes.${inst.type}`)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {institutionId && (
        <>
          <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('programmes.list')}</h2>}>
            {programmes.isError && <ErrorAlert error={programmes.error} />}
            <Table<Programme>
              data-testid="programme-list"
              rowKey="id"
              size="small"
              loading={programmes.isLoading}
              dataSource={programmes.data?.items ?? []}
              locale={{ emptyText: t('programmes.empty') }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('programmes.name'),
                  dataIndex: 'nameZh',
                  render: (name: string, p) => (
                    <Link to={`/institution/programmes/${enc(p.id)}`}>
                      {name} · {t('programmes.detail.cohort', { year: p.cohortYear })}
                    </Link>
                  ),
                },
                { title: t('programmes.majorCode'), dataIndex: 'majorCode' },
                { title: t('programmes.cohortYear'), dataIndex: 'cohortYear' },
                { title: t('programmes.hoursPerCredit'), dataIndex: 'hoursPerCredit' },
              ]}
            />
          </Card>
          <CreateProgrammeCard institutionId={institutionId} />
          <ClosestLevelsCard institutionId={institutionId} />
        </>
      )}
    </Flex>
  );
}

function InstitutionPicker({ value }: { value: string | null }) {
  const { t, i18n } = useTranslation();
  const [, setParams] = useSearchParams();
  const institutions = useQuery({ queryKey: ['institutions'], queryFn: programmesApi.institutions });
  return (
    <Flex vertical gap={8}>
      {!value && <Alert type="info" showIcon title={t('programmes.noInstitution')} />}
      <label htmlFor="institution-picker">{t('programmes.chooseInstitution')}</label>
      <Select
        id="institution-picker"
        style={{ maxWidth: 480 }}
        value={value ?? undefined}
        loading={institutions.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(id: string) => setParams({ institution: id })}
        options={(institutions.data?.items ?? []).map((i) => ({
          value: i.id,
          label: `${i.code} ${i18n.language === 'en' ? i.nameEn : i.nameZh}`,
        }))}
      />
      {institutions.isError && <ErrorAlert error={institutions.error} />}
    </Flex>
  );
}

const programmeFields = ['majorCode', 'cohortYear', 'nameZh', 'hoursPerCredit'] as const;

function CreateProgrammeCard({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [form] = Form.useForm<NewProgramme>();
  const queryClient = useQueryClient();
  const majors = useQuery({
    queryKey: ['reference', 'majors'],
    queryFn: programmesApi.majors,
    staleTime: Infinity,
  });
  const create = useMutation({
    mutationFn: (body: NewProgramme) => programmesApi.createProgramme(institutionId, body),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['programmes', institutionId] });
      await queryClient.invalidateQueries({ queryKey: ['closest-levels', institutionId] });
    },
    onError: (e) => showFieldErrors(form, e, programmeFields),
  });
  const required = (label: string) => [
    { required: true, message: t('programmes.required', { field: label }) },
  ];

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('programmes.create')}</h2>}>
      <Typography.Paragraph type="secondary">{t('programmes.createIntro')}</Typography.Paragraph>
      <Form<NewProgramme>
        form={form}
        name="programme"
        layout="vertical"
        initialValues={{ cohortYear: new Date().getFullYear(), hoursPerCredit: 16 }}
        onFinish={(values) => {
          create.reset();
          create.mutate({
            majorCode: values.majorCode,
            cohortYear: values.cohortYear,
            hoursPerCredit: values.hoursPerCredit,
            ...(values.nameZh?.trim() ? { nameZh: values.nameZh.trim() } : {}),
          });
        }}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="majorCode" label={t('programmes.major')} rules={required(t('programmes.major'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('programmes.majorPlaceholder')}
            loading={majors.isLoading}
            options={(majors.data?.majors ?? []).map((m) => ({
              value: m.code,
              label: `${m.code} ${en ? m.nameEn : m.nameZh}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="cohortYear"
          label={t('programmes.cohortYear')}
          rules={required(t('programmes.cohortYear'))}
        >
          <InputNumber style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('programmes.nameOptional')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="hoursPerCredit"
          label={t('programmes.hoursPerCredit')}
          rules={required(t('programmes.hoursPerCredit'))}
        >
          <InputNumber style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('programmes.createButton')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {create.isError && <ErrorAlert error={create.error} />}
        {create.data && (
          <Alert
            type="success"
            showIcon
            data-testid="programme-created"
            title={t('programmes.created', { name: create.data.nameZh, year: create.data.cohortYear })}
          />
        )}
      </div>
    </Card>
  );
}

type LevelRow = ClosestLevels[number]['levels'][number] & { programmeId: string; programmeName: string };

/** The certificate levels each programme of the institution covers best (one row per level). */
export function ClosestLevelsCard({
  institutionId,
  programmeId,
}: {
  institutionId: string;
  /** Only this programme's levels. */
  programmeId?: string;
}) {
  const { t } = useTranslation();
  const closest = useQuery({
    queryKey: ['closest-levels', institutionId],
    queryFn: () => curriculumApi.closestLevels(institutionId),
  });
  // The cohort tells apart the programmes of one major.
  const programmes = useQuery({
    queryKey: ['programmes', institutionId],
    queryFn: () => programmesApi.programmes(institutionId),
    enabled: programmeId === undefined,
  });
  const cohort = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.cohortYear]));
  const rows: LevelRow[] = (closest.data?.items ?? [])
    .filter((p) => programmeId === undefined || p.programmeId === programmeId)
    .flatMap((p) =>
      p.levels.map((l) => ({
        ...l,
        programmeId: p.programmeId,
        programmeName: cohort.has(p.programmeId)
          ? `${p.nameZh} · ${t('programmes.detail.cohort', { year: cohort.get(p.programmeId) })}`
          : p.nameZh,
      })),
    );
  return (
    <Card
      title={
        <h2 style={{ fontSize: 18, margin: 0 }}>
          {programmeId ? t('programmes.detail.closestHere') : t('programmes.closest')}
        </h2>
      }
    >
      <Typography.Paragraph type="secondary">{t('programmes.closestIntro')}</Typography.Paragraph>
      {closest.isError && <ErrorAlert error={closest.error} />}
      <Table<LevelRow>
        data-testid="closest-levels"
        size="small"
        rowKey={(r) => `${r.programmeId}/${r.certificateCode}/${r.level}`}
        loading={closest.isLoading}
        dataSource={rows}
        locale={{ emptyText: t('programmes.closestEmpty') }}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          ...(programmeId ? [] : [{ title: t('programmes.name'), dataIndex: 'programmeName' }]),
          {
            title: t('programmes.certificate'),
            key: 'certificate',
            render: (_, r) => `${r.certificateCode} ${r.certificateNameZh}`,
          },
          {
            title: t('programmes.level'),
            dataIndex: 'level',
            render: (l: number) => t(`programmes.levels.${l}`),
          },
          {
            title: t('programmes.targeted'),
            dataIndex: 'targeted',
            render: (yes: boolean) => (yes ? <Tag color="blue">{t('programmes.targeted')}</Tag> : '—'),
          },
          {
            title: t('programmes.coverage'),
            key: 'coverage',
            align: 'right',
            render: (_, r) => percent(r.summary.coverage),
          },
          {
            title: t('programmes.hoursNeeded'),
            key: 'hoursNeeded',
            align: 'right',
            render: (_, r) => r.summary.hoursNeeded,
          },
          {
            title: t('programmes.openColumn'),
            key: 'open',
            render: (_, r) => (
              <Link
                to={curriculumLinks.page(r.programmeId, r.certificateCode, r.level)}
                aria-label={`${t('programmes.open')} ${r.certificateCode} ${t(`programmes.levels.${r.level}`)}`}
              >
                {t('programmes.open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
