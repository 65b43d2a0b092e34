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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { enc } from '../../api/client.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { curriculumApi, curriculumLinks, type PlanCheck } from '../curriculum/api.ts';
import { type Course, courseTypes, type NewCourse, programmesApi } from './api.ts';
import { showFieldErrors } from './fieldErrors.ts';
import { ClosestLevelsCard, useInstitutionId } from './ProgrammesPage.tsx';

export function ProgrammeDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { institutionId: ownInstitution, own } = useInstitutionId();
  const programme = useQuery({ queryKey: ['programme', id], queryFn: () => programmesApi.programme(id) });
  const p = programme.data;
  // The regulator has no institution of its own: the programme's then.
  const institutionId = ownInstitution ?? p?.institutionId ?? null;

  return (
    <Flex vertical gap={16}>
      <Link to={`/institution/programmes${own || !p ? '' : `?institution=${enc(p.institutionId)}`}`}>
        ← {t('programmes.detail.back')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {p ? `${p.nameZh} · ${t('programmes.detail.cohort', { year: p.cohortYear })}` : id}
      </Typography.Title>
      {programme.isError && <ErrorAlert error={programme.error} />}
      {p && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="programme-totals">
          <Descriptions.Item label={t('programmes.majorCode')}>{p.majorCode}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.cohortYear')}>{p.cohortYear}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.hoursPerCredit')}>{p.hoursPerCredit}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.detail.courseCount')}>
            <span data-testid="course-count">{p.courses.length}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('programmes.detail.totalHours')}>{p.totalHours}</Descriptions.Item>
          <Descriptions.Item label={t('programmes.detail.totalCredits')}>{p.totalCredits}</Descriptions.Item>
        </Descriptions>
      )}
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('programmes.detail.courses')}</h2>}>
        <Table<Course>
          data-testid="course-list"
          rowKey="id"
          size="small"
          loading={programme.isLoading}
          dataSource={p?.courses ?? []}
          locale={{ emptyText: t('programmes.detail.coursesEmpty') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('programmes.detail.courseCode'), dataIndex: 'code' },
            {
              title: t('programmes.detail.courseName'),
              key: 'name',
              render: (_, c) => (en && c.nameEn ? c.nameEn : c.nameZh),
            },
            {
              title: t('programmes.detail.courseType'),
              dataIndex: 'type',
              render: (type: Course['type']) => t(`programmes.courseTypes.${type}`),
            },
            { title: t('programmes.detail.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('programmes.detail.practiceHours'), dataIndex: 'practiceHours', align: 'right' },
            { title: t('programmes.detail.credits'), dataIndex: 'credits', align: 'right' },
            {
              title: t('programmes.detail.semester'),
              dataIndex: 'semester',
              align: 'right',
              render: (s: number | null) => s ?? '—',
            },
          ]}
        />
      </Card>
      {p && <AddCourseCard programmeId={id} />}
      {p && <PlanCheckCard programmeId={id} />}
      {p && (
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('programmes.detail.curriculum')}</h2>}>
          <Typography.Paragraph type="secondary">
            {t('programmes.detail.curriculumIntro')}
          </Typography.Paragraph>
          <LevelPicker programmeId={id} />
        </Card>
      )}
      {p && institutionId && <ClosestLevelsCard institutionId={institutionId} programmeId={id} />}
    </Flex>
  );
}

interface CourseForm {
  code: string;
  nameZh: string;
  nameEn?: string;
  hours: number;
  practiceHours?: number | null;
  credits?: number | null;
  type: Course['type'];
  semester?: number | null;
}

const courseFields = [
  'code',
  'nameZh',
  'nameEn',
  'hours',
  'practiceHours',
  'credits',
  'type',
  'semester',
] as const;

function AddCourseCard({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CourseForm>();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (course: NewCourse) => programmesApi.addCourses(programmeId, [course]),
    onSuccess: async (programme) => {
      queryClient.setQueryData(['programme', programmeId], programme);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['plan-check', programmeId] });
      await queryClient.invalidateQueries({ queryKey: ['closest-levels'] });
    },
    onError: (e) => showFieldErrors(form, e, courseFields),
  });
  const required = (label: string) => [
    { required: true, message: t('programmes.required', { field: label }) },
  ];
  const d = (key: string) => t(`programmes.detail.${key}`);

  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{d('addCourse')}</h2>}>
      <Typography.Paragraph type="secondary">{d('addCourseIntro')}</Typography.Paragraph>
      <Form<CourseForm>
        form={form}
        name="course"
        layout="vertical"
        initialValues={{ type: 'PROFESSIONAL_CORE' }}
        onFinish={(v) => {
          add.reset();
          // The platform checks the numbers; empty optional fields are left out.
          add.mutate({
            code: v.code.trim(),
            nameZh: v.nameZh.trim(),
            hours: v.hours,
            type: v.type,
            ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}),
            ...(v.practiceHours != null ? { practiceHours: v.practiceHours } : {}),
            ...(v.credits != null ? { credits: v.credits } : {}),
            ...(v.semester != null ? { semester: v.semester } : {}),
          });
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="code"
            label={d('courseCode')}
            rules={required(d('courseCode'))}
            style={{ width: 200 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="nameZh"
            label={d('courseName')}
            rules={required(d('courseName'))}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={d('courseNameEn')} style={{ flex: 1, minWidth: 240 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="type"
            label={d('courseType')}
            rules={required(d('courseType'))}
            style={{ width: 220 }}
          >
            <Select
              options={courseTypes.map((c) => ({ value: c, label: t(`programmes.courseTypes.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="hours" label={d('hours')} rules={required(d('hours'))}>
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="practiceHours" label={d('practiceHours')}>
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="credits" label={d('creditsOptional')}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="semester" label={d('semesterOptional')}>
            <InputNumber style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {d('addButton')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }} data-testid="add-course-result">
        {add.isError && <ErrorAlert error={add.error} />}
        {add.data && add.variables && (
          <Alert
            type="success"
            showIcon
            data-testid="course-added"
            title={t('programmes.detail.added', { code: add.variables.code, name: add.variables.nameZh })}
          />
        )}
      </div>
    </Card>
  );
}

type Violation = PlanCheck['violations'][number];

function PlanCheckCard({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const check = useQuery({
    queryKey: ['plan-check', programmeId],
    queryFn: () => curriculumApi.planCheck(programmeId),
  });
  const c = check.data;
  const d = (key: string, o?: Record<string, unknown>) => t(`programmes.detail.${key}`, o);
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{d('planCheck')}</h2>}>
      <Flex vertical gap={12} data-testid="plan-check" data-violations={c?.violations.length}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {d('planCheckIntro')}
        </Typography.Paragraph>
        {check.isError && <ErrorAlert error={check.error} />}
        {c && (
          <>
            <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={d('stage')}>{d(`stages.${c.stage}`)}</Descriptions.Item>
              {(['total', 'practice', 'elective', 'public', 'credits'] as const).map((k) => (
                <Descriptions.Item key={k} label={d(`totals.${k}`)}>
                  {c.totals[k]}
                  {k !== 'total' && k !== 'credits' && c.totals.total > 0
                    ? ` (${((c.totals[k] / c.totals.total) * 100).toFixed(1)} %)`
                    : ''}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Alert
              data-testid="plan-check-summary"
              type={c.violations.length === 0 ? 'success' : 'warning'}
              showIcon
              title={c.violations.length === 0 ? d('planOk') : d('planBad', { count: c.violations.length })}
            />
            {c.violations.length > 0 && (
              <Table<Violation>
                data-testid="plan-violations"
                size="small"
                rowKey={(v, i) => `${v.rule}-${v.courseCode ?? ''}-${i}`}
                dataSource={c.violations}
                pagination={false}
                columns={[
                  {
                    title: d('rule'),
                    dataIndex: 'rule',
                    render: (rule: string) => (
                      <Flex vertical gap={2} align="start">
                        <span>{d(`rules.${rule}`, { defaultValue: rule })}</span>
                        <Tag>{rule}</Tag>
                      </Flex>
                    ),
                  },
                  { title: d('textZh'), key: 'zh', render: (_, v) => <span lang="zh-CN">{v.text.zh}</span> },
                  { title: d('textEn'), key: 'en', render: (_, v) => <span lang="en">{v.text.en}</span> },
                  { title: d('actual'), dataIndex: 'actual', align: 'right' },
                  { title: d('requiredValue'), dataIndex: 'required', align: 'right' },
                  { title: d('course'), dataIndex: 'courseCode', render: (s?: string) => s ?? '—' },
                ]}
              />
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}

/** Choose any certificate level (with its skill standard) and open its coverage for the programme. */
function LevelPicker({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const navigate = useNavigate();
  const [certificate, setCertificate] = useState<string | undefined>();
  const [level, setLevel] = useState<number | undefined>();
  const certificates = useQuery({
    queryKey: ['certificates'],
    queryFn: programmesApi.certificates,
    staleTime: 300_000,
  });
  const chosen = certificates.data?.items.find((c) => c.code === certificate);
  const d = (key: string) => t(`programmes.detail.${key}`);
  return (
    <Flex gap={16} wrap align="end">
      <Flex vertical gap={4}>
        <label htmlFor="pick-certificate">{d('pickCertificate')}</label>
        <Select
          id="pick-certificate"
          style={{ width: 360 }}
          value={certificate}
          placeholder={d('pickPlaceholder')}
          loading={certificates.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(code: string) => {
            setCertificate(code);
            setLevel(undefined);
          }}
          options={(certificates.data?.items ?? []).map((c) => ({
            value: c.code,
            label: `${c.code} ${en ? c.nameEn : c.nameZh}`,
          }))}
        />
      </Flex>
      <Flex vertical gap={4}>
        <label htmlFor="pick-level">{d('pickLevel')}</label>
        <Select
          id="pick-level"
          style={{ width: 160 }}
          value={level}
          disabled={!chosen}
          onChange={(l: number) => setLevel(l)}
          options={(chosen?.levels ?? []).map((l) => ({
            value: l.level,
            label: t(`programmes.levels.${l.level}`),
          }))}
        />
      </Flex>
      <Button
        type="primary"
        disabled={!certificate || !level}
        onClick={() =>
          certificate && level && navigate(curriculumLinks.page(programmeId, certificate, level))
        }
      >
        {d('openCoverage')}
      </Button>
      {certificates.isError && <ErrorAlert error={certificates.error} />}
    </Flex>
  );
}
