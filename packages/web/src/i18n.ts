import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { adminMessages } from './features/admin/messages.ts';
import { authMessages } from './features/auth/messages.ts';
import { consentMessages } from './features/consent/messages.ts';
import { creditsMessages } from './features/credits/messages.ts';
import { curriculumMessages } from './features/curriculum/messages.ts';
import { employerMessages } from './features/employer/messages.ts';
import { programmesMessages } from './features/programmes/messages.ts';
import { regulatorMessages } from './features/regulator/messages.ts';
import { sitesMessages } from './features/sites/messages.ts';
import { standardsMessages } from './features/standards/messages.ts';
import type { FeatureMessages, Widen } from './messages.ts';

/**
 * Each feature's messages (one namespace each, declared next to its pages). Add a feature's here.
 */
const features: FeatureMessages<Record<string, unknown>>[] = [
  authMessages,
  regulatorMessages,
  adminMessages,
  creditsMessages,
  programmesMessages,
  curriculumMessages,
  standardsMessages,
  sitesMessages,
  consentMessages,
  employerMessages,
];

export const LANG_KEY = 'onex.lang';
export type Lang = 'zh-CN' | 'en';

const zh = {
  app: { title: 'OneX 1+X 证书平台', skip: '跳到主要内容', language: '语言', switchTo: 'English' },
  nav: {
    verify: '证书验证',
    sessions: '考核场次',
    wallet: '我的证书',
    groups: {
      teo: '评价组织',
      institution: '院校',
      learner: '学习者',
      employer: '用人单位',
      regulator: '监管',
      admin: '管理',
    },
  },
  common: {
    loading: '加载中…',
    error: '出错了',
    back: '返回',
    refresh: '刷新',
    download: '下载',
    open: '打开',
    signInNeeded: '请先登录有权限的账号。',
    goSignIn: '去登录',
  },
  verify: {
    title: '证书验证',
    intro:
      '任何人都可以验证 1+X 职业技能等级证书：粘贴凭证 JSON、上传 JSON 或证书 PDF，或扫描证书上的二维码。',
    tabPaste: '粘贴 JSON',
    tabFile: '上传文件',
    tabQr: '扫描二维码',
    jsonLabel: '凭证 JSON（或 VC-JWT）',
    jsonPlaceholder: '在此粘贴已签名的凭证…',
    verifyButton: '验证',
    fileLabel: '凭证文件（.json 或证书 .pdf）',
    chooseFile: '选择文件',
    qrLabel: '含二维码的图片（照片或截图）',
    chooseImage: '选择图片',
    camera: '用摄像头扫描',
    stopCamera: '停止扫描',
    qrNotFound: '图片中没有找到二维码。',
    qrNotOurs: '二维码不是 OneX 证书验证链接：{{text}}',
    badJson: '不是有效的 JSON：{{message}}',
    verified: '已验证',
    verifiedDesc: '该证书签名有效、未被撤销或暂停，发证机构受信任。',
    notVerified: '未通过验证',
    notVerifiedDesc: '未通过的检查：{{checks}}',
    checks: '各项检查',
    check: '检查项',
    status: '结果',
    messageZh: '说明（中文）',
    messageEn: 'Message (English)',
    passed: '通过',
    failed: '未通过',
    skipped: '跳过',
    certificate: '证书',
    number: '证书编号',
    issuer: '发证机构',
    validFrom: '生效时间',
    fromLink: '正在验证链接中的证书 {{id}}',
    format: '格式',
  },
  teo: {
    sessions: '考核场次',
    sessionsIntro: '培训评价组织的考核场次：导入成绩、发布、批量签发证书。',
    id: '场次编号',
    certificate: '证书',
    level: '等级',
    date: '考核日期',
    site: '考核站点',
    registered: '报名人数',
    capacity: '容量',
    resultsStatus: '成绩状态',
    DRAFT: '草稿',
    PUBLISHED: '已发布',
    detail: '场次详情',
    results: '成绩',
    learner: '学习者',
    registration: '准考证号',
    theory: '理论',
    practical: '实操',
    total: '总分',
    passedCol: '是否合格',
    yes: '合格',
    no: '不合格',
    absent: '缺考',
    import: '导入成绩',
    importIntro:
      '上传 CSV 或 XLSX 成绩文件：先试运行检查每一行，没有错误后再正式导入（全部成功或全部不写入）。',
    templates: '下载模板',
    fileLabel: '成绩文件（CSV 或 XLSX）',
    chooseFile: '选择成绩文件',
    dryRun: '试运行检查',
    doImport: '正式导入',
    rowsRead: '读取 {{rows}} 行',
    dryRunOk: '试运行通过：{{rows}} 行没有错误，可以导入。',
    dryRunBad: '试运行发现 {{count}} 处错误，请修改文件后重新检查。',
    imported: '已导入 {{written}} 条成绩（合格 {{passed}}，不合格 {{failed}}，缺考 {{absent}}）。',
    row: '行',
    column: '列',
    reason: '原因',
    publish: '发布成绩',
    publishConfirm: '发布后成绩不可直接修改（只能复核改分）。确定发布？',
    published: '成绩已发布',
    issue: '批量签发证书',
    issueIntro: '为每个已发布的合格成绩签发一张证书，每人只签发一次；中断后再次签发会补完剩余部分。',
    issuing: '签发中…',
    issueDone: '签发完成：本次签发 {{issued}} 张，共 {{done}}/{{total}}。',
    issueFailed: '签发失败：{{message}}',
    progress: '签发进度',
    notPublished: '成绩发布后才能签发。',
  },
  wallet: {
    title: '学习者证书夹',
    intro: '查看学习者的全部证书，下载 PDF，分享验证链接，导出可验证展示（VerifiablePresentation）。',
    learnerLabel: '学习者编号',
    open: '打开证书夹',
    empty: '该学习者还没有证书。',
    presentation: '下载全部证书（可验证展示 JSON）',
    pdf: '下载 PDF',
    share: '分享验证链接',
    verify: '验证',
    status: '状态',
    ACTIVE: '有效',
    SUSPENDED: '已暂停',
    REVOKED: '已撤销',
    issuedAt: '签发时间',
    number: '证书编号',
    copied: '已复制',
  },
};

type Messages = typeof zh;

const en: Widen<Messages> = {
  app: {
    title: 'OneX 1+X certificates',
    skip: 'Skip to main content',
    language: 'Language',
    switchTo: '中文',
  },
  nav: {
    verify: 'Verify',
    sessions: 'Sessions',
    wallet: 'My certificates',
    groups: {
      teo: 'Training & evaluation org',
      institution: 'College',
      learner: 'Learner',
      employer: 'Employer',
      regulator: 'Regulator',
      admin: 'Administration',
    },
  },
  common: {
    loading: 'Loading…',
    error: 'Something went wrong',
    back: 'Back',
    refresh: 'Refresh',
    download: 'Download',
    open: 'Open',
    signInNeeded: 'Sign in with an account that may do this first.',
    goSignIn: 'Sign in',
  },
  verify: {
    title: 'Verify a certificate',
    intro:
      'Anyone can verify a 1+X vocational skill level certificate: paste its credential JSON, upload a JSON file or the certificate PDF, or scan the QR code printed on it.',
    tabPaste: 'Paste JSON',
    tabFile: 'Upload a file',
    tabQr: 'Scan a QR code',
    jsonLabel: 'Credential JSON (or VC-JWT)',
    jsonPlaceholder: 'Paste the signed credential here…',
    verifyButton: 'Verify',
    fileLabel: 'Credential file (.json or certificate .pdf)',
    chooseFile: 'Choose a file',
    qrLabel: 'Image with a QR code (photo or screenshot)',
    chooseImage: 'Choose an image',
    camera: 'Scan with the camera',
    stopCamera: 'Stop scanning',
    qrNotFound: 'No QR code found in the image.',
    qrNotOurs: 'The QR code is not a OneX verification link: {{text}}',
    badJson: 'Not valid JSON: {{message}}',
    verified: 'Verified',
    verifiedDesc:
      'The signature is valid, the certificate is neither revoked nor suspended, and its issuer is trusted.',
    notVerified: 'Not verified',
    notVerifiedDesc: 'Failed checks: {{checks}}',
    checks: 'Checks',
    check: 'Check',
    status: 'Result',
    messageZh: '说明（中文）',
    messageEn: 'Message (English)',
    passed: 'Passed',
    failed: 'Failed',
    skipped: 'Skipped',
    certificate: 'Certificate',
    number: 'Certificate number',
    issuer: 'Issuer',
    validFrom: 'Valid from',
    fromLink: 'Verifying the certificate of the link, {{id}}',
    format: 'Format',
  },
  teo: {
    sessions: 'Assessment sessions',
    sessionsIntro:
      'The assessment sessions of a TEO: import results, publish them, issue certificates in bulk.',
    id: 'Session',
    certificate: 'Certificate',
    level: 'Level',
    date: 'Exam date',
    site: 'Site',
    registered: 'Registered',
    capacity: 'Capacity',
    resultsStatus: 'Results',
    DRAFT: 'Draft',
    PUBLISHED: 'Published',
    detail: 'Session details',
    results: 'Results',
    learner: 'Learner',
    registration: 'Registration',
    theory: 'Theory',
    practical: 'Practical',
    total: 'Total',
    passedCol: 'Passed',
    yes: 'Passed',
    no: 'Not passed',
    absent: 'Absent',
    import: 'Import results',
    importIntro:
      'Upload a CSV or XLSX results file: a dry run checks every row first; once it is clean, import it (all rows or none).',
    templates: 'Templates',
    fileLabel: 'Results file (CSV or XLSX)',
    chooseFile: 'Choose a results file',
    dryRun: 'Dry run',
    doImport: 'Import',
    rowsRead: '{{rows}} rows read',
    dryRunOk: 'Dry run passed: {{rows}} rows, no errors. Ready to import.',
    dryRunBad: 'The dry run found {{count}} errors: fix the file and check it again.',
    imported: 'Imported {{written}} results ({{passed}} passed, {{failed}} not passed, {{absent}} absent).',
    row: 'Row',
    column: 'Column',
    reason: 'Reason',
    publish: 'Publish results',
    publishConfirm: 'Published results can only be changed by re-scoring. Publish now?',
    published: 'Results published',
    issue: 'Issue certificates',
    issueIntro:
      'Issues one certificate for every passed, published result, exactly once; issuing again after an interruption finishes the rest.',
    issuing: 'Issuing…',
    issueDone: 'Issuance finished: {{issued}} issued by this run, {{done}}/{{total}} in all.',
    issueFailed: 'Issuance failed: {{message}}',
    progress: 'Issuance progress',
    notPublished: 'Publish the results before issuing.',
  },
  wallet: {
    title: 'Learner wallet',
    intro:
      "A learner's certificates: download the PDF, share the verification link, export them all as a VerifiablePresentation.",
    learnerLabel: 'Learner id',
    open: 'Open the wallet',
    empty: 'This learner has no certificates yet.',
    presentation: 'Download all (VerifiablePresentation JSON)',
    pdf: 'Download PDF',
    share: 'Share link',
    verify: 'Verify',
    status: 'Status',
    ACTIVE: 'Valid',
    SUSPENDED: 'Suspended',
    REVOKED: 'Revoked',
    issuedAt: 'Issued',
    number: 'Certificate number',
    copied: 'Copied',
  },
};

/** The saved language (localStorage), Chinese by default. */
export function savedLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: Object.assign({}, zh, ...features.map((f) => f.zh)) },
    en: { translation: Object.assign({}, en, ...features.map((f) => f.en)) },
  },
  lng: savedLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = savedLang();

export default i18n;
