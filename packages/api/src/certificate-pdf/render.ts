import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  AFRelationship,
  type Color,
  concatTransformationMatrix,
  degrees,
  drawObject,
  fill,
  PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
} from '@cantoo/pdf-lib';
import {
  type CredentialRecord,
  isDomainError,
  type JsonObject,
  type LevelCode,
  levelCodes,
  levelNames,
  type Platform,
} from '@onex/core';
import * as fontkit from 'fontkit';
import QRCode from 'qrcode';

/** The name of the attached signed credential inside a certificate PDF. */
export const CREDENTIAL_ATTACHMENT = 'credential.json';
/** Media type of the attachment (a JSON-LD credential secured with an embedded proof). */
export const CREDENTIAL_MEDIA_TYPE = 'application/vc+ld+json';

/** What a printed certificate shows, resolved from the credential, the catalog and the learner. */
export interface CertificateView {
  /** The holder's name; null when the credential names no learner of this instance. */
  holderName: string | null;
  /** The masked ID number (`3301**********1234`), never the clear one. */
  maskedId: string | null;
  certificate: { zh: string; en: string | null };
  level: { zh: string; en: string } | null;
  issuer: { zh: string; en: string | null };
  /** The credential's validFrom. */
  issuedAt: Date;
  /** The certificate number (证书编号), or the credential id when it has none. */
  certificateNumber: string;
  /** The link the QR code carries. */
  verifyUrl: string;
}

/** The result of rendering an issued credential. */
export interface CertificatePdf {
  bytes: Uint8Array;
  record: CredentialRecord;
  /** A file name built from the certificate number, safe in a Content-Disposition header. */
  fileName: string;
}

/** The public verification page of a credential: `${publicUrl}/verify?credential=<urlencoded id>`. */
export function verificationLink(publicUrl: string, credentialId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify?credential=${encodeURIComponent(credentialId)}`;
}

/** `<certificate number>.pdf` (or the credential id), reduced to characters every file system takes. */
export function certificateFileName(record: Pick<CredentialRecord, 'id' | 'certificateNumber'>): string {
  const base = (record.certificateNumber ?? record.id).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return `${base || 'certificate'}.pdf`;
}

/**
 * The bilingual A4 certificate of an issued credential (by id or certificate number), with the
 * signed credential attached as `credential.json`. Throws NOT_FOUND for an unknown credential.
 */
export async function certificatePdfFor(
  platform: Platform,
  idOrNumber: string,
  publicUrl: string,
): Promise<CertificatePdf> {
  const record = await platform.credentials.getCredential(idOrNumber);
  const view = await certificateViewFor(platform, record, publicUrl);
  return {
    bytes: await renderCertificatePdf(view, record.document),
    record,
    fileName: certificateFileName(record),
  };
}

/**
 * Resolves what the certificate prints. Names come from the national catalog and the TEO when the
 * credential belongs to them, else from the credential itself; the holder from the programs
 * module, whose learners carry only the masked ID number.
 */
export async function certificateViewFor(
  platform: Platform,
  record: CredentialRecord,
  publicUrl: string,
): Promise<CertificateView> {
  const doc = record.document;
  const achievement = achievementOf(doc);
  const fromAchievementId = parseAchievementId(achievement?.id);
  const certificateCode = record.certificateCode ?? fromAchievementId?.code ?? null;
  const levelCode = asLevel(record.level ?? fromAchievementId?.level);

  const learner = record.learnerId
    ? await orUndefined(platform.programs.getLearner(record.learnerId))
    : undefined;
  const certificate = certificateCode
    ? await orUndefined(platform.catalog.getCertificate(certificateCode))
    : undefined;
  const issuerOrg = (await platform.credentials.listIssuers()).find(
    (i) => i.did === record.issuerDid && i.orgKind === 'TEO',
  );
  const teo = issuerOrg ? await orUndefined(platform.catalog.getTeo(issuerOrg.orgCode)) : undefined;
  const issuerProfile = objectOf(doc.issuer);
  const validFrom = typeof doc.validFrom === 'string' ? new Date(doc.validFrom) : undefined;

  return {
    holderName: learner?.nameZh ?? stringOf(objectOf(doc.credentialSubject)?.name) ?? null,
    maskedId: learner?.nationalIdMasked ?? null,
    certificate: certificate
      ? { zh: certificate.fullNameZh, en: `${certificate.nameEn} Vocational Skill Level Certificate` }
      : { zh: stringOf(achievement?.name) ?? stringOf(doc.name) ?? '—', en: null },
    level: levelCode ? levelNames[levelCode] : null,
    issuer: teo
      ? { zh: teo.nameZh, en: teo.nameEn }
      : {
          zh: stringOf(issuerProfile?.name) ?? record.issuerDid,
          en: stringOf(issuerProfile?.description) ?? null,
        },
    issuedAt: validFrom && !Number.isNaN(validFrom.getTime()) ? validFrom : record.issuedAt,
    certificateNumber: record.certificateNumber ?? record.id,
    verifyUrl: verificationLink(publicUrl, record.id),
  };
}

// ---- fonts -------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const fontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
type Weight = keyof typeof fontFiles;
let fontBytes: Promise<Record<Weight, Uint8Array>> | undefined;

/** Reads the two Noto Sans SC weights (~10 MB each) once, on first use. */
function loadFonts(): Promise<Record<Weight, Uint8Array>> {
  fontBytes ??= (async () => {
    const [regular, bold] = await Promise.all([
      readFile(require.resolve(fontFiles.regular)),
      readFile(require.resolve(fontFiles.bold)),
    ]);
    return { regular, bold };
  })();
  fontBytes.catch(() => {
    fontBytes = undefined;
  });
  return fontBytes;
}

/**
 * A subset font's PDF name is a six-letter tag, `+`, the PostScript name (ISO 32000-1 §9.6.4).
 * The tag is derived from the document's text, so the same certificate renders to the same bytes.
 */
function subsetName(postscriptName: string, texts: string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([postscriptName, texts]))
    .digest();
  const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${postscriptName}`;
}

// ---- layout ------------------------------------------------------------------------------------

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const ink = rgb(0.13, 0.13, 0.13);
const grey = rgb(0.42, 0.42, 0.42);
const red = rgb(0.66, 0.12, 0.12);
const gold = rgb(0.74, 0.58, 0.3);
const paper = rgb(1, 0.992, 0.965);

interface TextRun {
  text: string;
  weight: Weight;
  size: number;
  color: Color;
  x: number;
  y: number;
  align?: 'left' | 'center';
  /** Shrinks the size (down to 60 %) until the text fits. */
  maxWidth?: number;
  /** Extra space between characters (the spaced-out title). */
  spacing?: number;
}

interface Field {
  label: { zh: string; en: string };
  value: string;
  valueEn?: string | null;
}

function fields(view: CertificateView): Field[] {
  const dash = '—';
  return [
    { label: { zh: '姓名', en: 'Name' }, value: view.holderName ?? dash },
    { label: { zh: '证件号码', en: 'ID number' }, value: view.maskedId ?? dash },
    {
      label: { zh: '证书名称', en: 'Certificate' },
      value: view.certificate.zh,
      valueEn: view.certificate.en,
    },
    {
      label: { zh: '等级', en: 'Level' },
      value: view.level ? `${view.level.zh} · ${view.level.en}` : dash,
    },
    { label: { zh: '发证机构', en: 'Issued by' }, value: view.issuer.zh, valueEn: view.issuer.en },
    {
      label: { zh: '发证日期', en: 'Date of issue' },
      value: chineseDate(view.issuedAt),
      valueEn: englishDate(view.issuedAt),
    },
    { label: { zh: '证书编号', en: 'Certificate No.' }, value: view.certificateNumber },
  ];
}

/** Every piece of text on the page, placed; pure, so the subset tags can be derived from it. */
function layout(view: CertificateView): TextRun[] {
  const [width, height] = A4_LANDSCAPE;
  const center = width / 2;
  const runs: TextRun[] = [
    {
      text: '职业技能等级证书',
      weight: 'bold',
      size: 34,
      color: red,
      x: center,
      y: height - 102,
      align: 'center',
      spacing: 8,
    },
    {
      text: 'VOCATIONAL SKILL LEVEL CERTIFICATE',
      weight: 'regular',
      size: 13,
      color: red,
      x: center,
      y: height - 127,
      align: 'center',
      spacing: 2,
    },
    {
      text: '兹证明持证人通过职业技能等级考核，成绩合格，特发此证。',
      weight: 'regular',
      size: 12,
      color: ink,
      x: center,
      y: height - 170,
      align: 'center',
    },
    {
      text: 'This is to certify that the holder has passed the vocational skill level assessment.',
      weight: 'regular',
      size: 10,
      color: grey,
      x: center,
      y: height - 186,
      align: 'center',
    },
  ];
  const labelX = 118;
  const valueX = 262;
  const valueWidth = 640 - valueX;
  let y = height - 232;
  for (const f of fields(view)) {
    runs.push(
      { text: f.label.zh, weight: 'bold', size: 12, color: ink, x: labelX, y },
      { text: f.label.en, weight: 'regular', size: 8.5, color: grey, x: labelX, y: y - 13 },
      { text: f.value, weight: 'bold', size: 13, color: ink, x: valueX, y, maxWidth: valueWidth },
    );
    if (f.valueEn) {
      runs.push({
        text: f.valueEn,
        weight: 'regular',
        size: 9.5,
        color: grey,
        x: valueX,
        y: y - 13.5,
        maxWidth: valueWidth,
      });
    }
    y -= 38;
  }
  runs.push(
    {
      text: '扫描二维码或访问下方链接验证本证书 · Scan the QR code or open the link to verify:',
      weight: 'regular',
      size: 8,
      color: grey,
      x: 64,
      y: 70,
      maxWidth: 580,
    },
    { text: view.verifyUrl, weight: 'regular', size: 8, color: ink, x: 64, y: 58, maxWidth: 580 },
    {
      text: `本 PDF 内嵌经签名的可验证凭证 ${CREDENTIAL_ATTACHMENT}（Open Badges 3.0 / W3C VC 2.0），可离线验证。`,
      weight: 'regular',
      size: 7,
      color: grey,
      x: 64,
      y: 46,
      maxWidth: 580,
    },
    {
      text: `The signed verifiable credential is attached to this PDF as ${CREDENTIAL_ATTACHMENT} (Open Badges 3.0 / W3C VC 2.0) and can be verified offline.`,
      weight: 'regular',
      size: 7,
      color: grey,
      x: 64,
      y: 37,
      maxWidth: 580,
    },
    {
      text: '扫码验证 · Scan to verify',
      weight: 'regular',
      size: 8,
      color: grey,
      x: qrBox.x + qrBox.size / 2,
      y: qrBox.y - qrQuietZone - 11,
      align: 'center',
    },
  );
  return runs;
}

const qrBox = { x: 680, y: 66, size: 104 };
const qrQuietZone = 6;

// ---- rendering ---------------------------------------------------------------------------------

/**
 * Renders the certificate page and attaches the signed credential. Deterministic: the PDF's
 * dates come from the credential, the subset tags from its text, and nothing reads the clock.
 */
export async function renderCertificatePdf(
  view: CertificateView,
  credential: JsonObject,
): Promise<Uint8Array> {
  const runs = layout(view);
  const bytes = await loadFonts();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts: Record<Weight, PDFFont> = {
    regular: await pdf.embedFont(bytes.regular, {
      subset: true,
      customName: subsetName(
        'NotoSansSC-Regular',
        runs.filter((r) => r.weight === 'regular').map((r) => r.text),
      ),
    }),
    bold: await pdf.embedFont(bytes.bold, {
      subset: true,
      customName: subsetName(
        'NotoSansSC-Bold',
        runs.filter((r) => r.weight === 'bold').map((r) => r.text),
      ),
    }),
  };

  const page = pdf.addPage(A4_LANDSCAPE);
  drawFrame(page);
  for (const run of runs) drawRun(page, fonts[run.weight], run);
  drawQr(pdf, page, view.verifyUrl);

  const title = `职业技能等级证书 ${view.certificateNumber} Vocational Skill Level Certificate`;
  pdf.setTitle(title);
  pdf.setSubject(`${view.certificate.zh}${view.certificate.en ? ` / ${view.certificate.en}` : ''}`);
  pdf.setAuthor(view.issuer.zh);
  pdf.setCreator('OneX');
  pdf.setProducer('OneX');
  pdf.setLanguage('zh-CN');
  pdf.setKeywords(['1+X', view.certificateNumber, view.verifyUrl]);
  pdf.setCreationDate(view.issuedAt);
  pdf.setModificationDate(view.issuedAt);

  await pdf.attach(new TextEncoder().encode(JSON.stringify(credential, null, 2)), CREDENTIAL_ATTACHMENT, {
    mimeType: CREDENTIAL_MEDIA_TYPE,
    description: '经签名的可验证凭证 · The signed verifiable credential (Open Badges 3.0 / W3C VC 2.0)',
    creationDate: view.issuedAt,
    modificationDate: view.issuedAt,
    afRelationship: AFRelationship.Source,
  });
  return pdf.save({ useObjectStreams: true });
}

function drawFrame(page: PDFPage) {
  const { width, height } = page.getSize();
  page.drawRectangle({ x: 0, y: 0, width, height, color: paper });
  page.drawRectangle({
    x: 18,
    y: 18,
    width: width - 36,
    height: height - 36,
    borderColor: red,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 26,
    y: 26,
    width: width - 52,
    height: height - 52,
    borderColor: gold,
    borderWidth: 0.8,
  });
  // Corner ornaments: small gold squares turned 45° at the inner frame's corners.
  for (const [cx, cy] of [
    [26, 26],
    [width - 26, 26],
    [26, height - 26],
    [width - 26, height - 26],
  ] as const) {
    const size = 8;
    page.drawSquare({ x: cx, y: cy - size / Math.SQRT2, size, rotate: degrees(45), color: gold });
  }
  // Rules under the title and above the footer.
  page.drawLine({
    start: { x: width / 2 - 150, y: height - 142 },
    end: { x: width / 2 + 150, y: height - 142 },
    thickness: 0.8,
    color: gold,
  });
  page.drawLine({ start: { x: 64, y: 88 }, end: { x: 640, y: 88 }, thickness: 0.5, color: gold });
}

function drawRun(page: PDFPage, font: PDFFont, run: TextRun) {
  let size = run.size;
  const spacing = run.spacing ?? 0;
  const widthAt = (s: number) => font.widthOfTextAtSize(run.text, s) + spacing * (run.text.length - 1);
  if (run.maxWidth) {
    while (size > run.size * 0.6 && widthAt(size) > run.maxWidth) size -= 0.25;
  }
  const x = run.align === 'center' ? run.x - widthAt(size) / 2 : run.x;
  if (spacing === 0) {
    page.drawText(run.text, { x, y: run.y, size, font, color: run.color });
    return;
  }
  // Spaced-out lettering: one glyph at a time (pdf-lib has no character-spacing option).
  let at = x;
  for (const ch of run.text) {
    page.drawText(ch, { x: at, y: run.y, size, font, color: run.color });
    at += font.widthOfTextAtSize(ch, size) + spacing;
  }
}

/**
 * Draws the QR code of `text` as vector modules in a Form XObject (one unit per module, runs of
 * dark modules merged), placed at the bottom right on a white quiet zone.
 */
function drawQr(pdf: PDFDocument, page: PDFPage, text: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const ops: PDFOperator[] = [setFillingRgbColor(0, 0, 0)];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      ops.push(rectangle(start, n - 1 - row, col - start, 1));
    }
  }
  ops.push(fill());
  const form = pdf.context.formXObject(ops, { BBox: [0, 0, n, n] });
  const name = page.node.newXObject('QR', pdf.context.register(form));
  const quiet = qrQuietZone;
  page.drawRectangle({
    x: qrBox.x - quiet,
    y: qrBox.y - quiet,
    width: qrBox.size + 2 * quiet,
    height: qrBox.size + 2 * quiet,
    color: rgb(1, 1, 1),
    borderColor: gold,
    borderWidth: 0.5,
  });
  const unit = qrBox.size / n;
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(unit, 0, 0, unit, qrBox.x, qrBox.y),
    drawObject(name),
    popGraphicsState(),
  );
}

// ---- helpers -----------------------------------------------------------------------------------

const chinaOffsetMs = 8 * 3600_000;
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The date in China (UTC+8): `2026年9月1日`. */
export function chineseDate(d: Date): string {
  const c = new Date(d.getTime() + chinaOffsetMs);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

/** The date in China (UTC+8): `1 September 2026`. */
export function englishDate(d: Date): string {
  const c = new Date(d.getTime() + chinaOffsetMs);
  return `${c.getUTCDate()} ${months[c.getUTCMonth()]} ${c.getUTCFullYear()}`;
}

function achievementOf(doc: JsonObject): JsonObject | undefined {
  const subject = doc.credentialSubject;
  const first = Array.isArray(subject) ? subject[0] : subject;
  return objectOf(objectOf(first)?.achievement);
}

/** `${baseUrl}/achievements/<code>/<level>` (see core `achievementId`). */
function parseAchievementId(id: unknown): { code: string; level: number } | undefined {
  if (typeof id !== 'string') return undefined;
  const m = /\/achievements\/([^/]+)\/([123])$/.exec(id);
  return m ? { code: decodeURIComponent(m[1]!), level: Number(m[2]) } : undefined;
}

function asLevel(n: number | null | undefined): LevelCode | undefined {
  return levelCodes.find((l) => l === n);
}

function objectOf(v: unknown): JsonObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}

/** A lookup that may miss: NOT_FOUND becomes undefined, anything else is thrown. */
async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}
