import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { isDomainError, type JsonObject } from '@onex/core';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import {
  certificatePdfFor,
  certificateViewFor,
  extractCredentialFromPdf,
  renderCertificatePdf,
  verificationLink,
} from '../src/certificate-pdf/index.ts';
import { createInstanceVerifier } from '../src/verifier.ts';
import { baseUrl, type CertificateFixture, issueCertificates, nationalId } from './certificate-fixtures.ts';

let f: CertificateFixture;
let app: FastifyInstance;
let bytes: Uint8Array;

beforeAll(async () => {
  f = await issueCertificates();
  app = await buildApp({ platform: f.platform, engine: 'pglite', adminToken: 'test-admin-token', baseUrl });
  bytes = (await certificatePdfFor(f.platform, f.mine[1]!.id, baseUrl)).bytes;
});
afterAll(async () => {
  await app?.close();
  await f?.database.close();
});

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
}

/** The dark modules of the QR code the page draws, read back from its Form XObject (one unit per module). */
async function drawnQr(pdfBytes: Uint8Array): Promise<boolean[][]> {
  const pdf = await PDFDocument.load(pdfBytes);
  const xobjects = pdf.getPage(0).node.normalizedEntries().XObject;
  const forms = xobjects
    .entries()
    .map(([, ref]) => pdf.context.lookup(ref))
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream);
  expect(forms).toHaveLength(1);
  const form = forms[0]!;
  const bbox = form.dict.lookup(PDFName.of('BBox'))!.toString();
  const n = Number(/\[\s*0 0 (\d+) \1\s*\]/.exec(bbox)![1]);
  const ops = new TextDecoder().decode(decodePDFRawStream(form).decode());
  const grid = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [, x, y, w, h] of ops.matchAll(/(\d+) (\d+) (\d+) (\d+) re/g)) {
    expect(h).toBe('1');
    for (let c = Number(x); c < Number(x) + Number(w); c++) grid[n - 1 - Number(y)]![c] = true;
  }
  return grid;
}

describe('certificate PDF', () => {
  it('is a PDF under 200 KB whose Chinese font is an embedded subset', async () => {
    expect(text(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(200 * 1024);
    const pdf = await PDFDocument.load(bytes);
    const fonts: string[] = [];
    const fontFileSizes: number[] = [];
    for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) && !(obj instanceof PDFRawStream)) continue;
      const dict = obj instanceof PDFRawStream ? obj.dict : obj;
      if (dict.get(PDFName.of('Subtype')) === PDFName.of('Type0'))
        fonts.push(dict.lookup(PDFName.of('BaseFont'), PDFName).decodeText());
      const file = dict.get(PDFName.of('FontFile2'));
      const stream = file && pdf.context.lookup(file);
      if (stream instanceof PDFRawStream) fontFileSizes.push(decodePDFRawStream(stream).decode().length);
    }
    // A subset font is named with a six-letter tag (ISO 32000-1 §9.6.4); the tags follow the text.
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSansSC-(Bold|Regular)$/);
    expect(fonts.map((f) => f.split('+')[1]).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    // The full Noto Sans SC weights are ~10.5 MB each: only the glyphs used are embedded.
    expect(fontFileSizes).toHaveLength(2);
    for (const size of fontFileSizes) expect(size).toBeLessThan(150 * 1024);
  });

  it('carries the signed credential, which extracts unchanged and passes every check, logged included', async () => {
    const credential = await extractCredentialFromPdf(bytes);
    expect(credential).toEqual(f.mine[1]!.document);
    const result = await createInstanceVerifier(f.platform, baseUrl).verifyCredential(credential);
    expect(result.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(result.checks.map((c) => c.name)).toContain('logged');
    expect(result.verified).toBe(true);
  });

  it('draws the QR code of the verification link', async () => {
    const link = verificationLink(baseUrl, f.mine[1]!.id);
    expect(link).toBe(`${baseUrl}/verify?credential=${encodeURIComponent(f.mine[1]!.id)}`);
    const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
    // The payload, read back from the encoder's segments (byte, alphanumeric and numeric runs).
    const payload = qr.segments
      .map((s) => (typeof s.data === 'string' ? s.data : new TextDecoder().decode(s.data as Uint8Array)))
      .join('');
    expect(payload).toBe(link);
    const expected = Array.from({ length: qr.modules.size }, (_, r) =>
      Array.from({ length: qr.modules.size }, (_, c) => qr.modules.get(r, c) === 1),
    );
    expect(await drawnQr(bytes)).toEqual(expected);
  });

  it('renders the same bytes again, dated from the credential rather than the clock', async () => {
    const again = await certificatePdfFor(f.platform, f.mine[1]!.certificateNumber!, baseUrl);
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(bytes))).toBe(0);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-09-01T08:00:00.000Z');
    expect(pdf.getModificationDate()?.toISOString()).toBe('2026-09-01T08:00:00.000Z');
  });

  it('shows the masked ID number of the learner and the catalog names, never the clear ID', async () => {
    const view = await certificateViewFor(f.platform, f.mine[1]!, baseUrl);
    expect(view).toMatchObject({
      holderName: '张晓明',
      maskedId: `3301${'*'.repeat(10)}${nationalId.slice(-4)}`,
      certificate: {
        zh: 'Web前端开发职业技能等级证书',
        en: 'Web Front-End Development Vocational Skill Level Certificate',
      },
      level: { zh: '中级', en: 'Intermediate' },
      issuer: { zh: '工业和信息化部教育与考试中心' },
      certificateNumber: '1X-2601022-33-000001',
    });
    expect(JSON.stringify(view)).not.toContain(nationalId.slice(4, 14));
  });

  it('fails verification when the embedded credential was altered', async () => {
    const view = await certificateViewFor(f.platform, f.mine[1]!, baseUrl);
    const tampered: JsonObject = { ...f.mine[1]!.document, name: 'Web前端开发职业技能等级证书（高级）' };
    const forged = await renderCertificatePdf(view, tampered);
    const result = await createInstanceVerifier(f.platform, baseUrl).verifyCredential(
      await extractCredentialFromPdf(forged),
    );
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.name === 'proof')).toMatchObject({
      status: 'failed',
      code: 'PROOF_INVALID',
    });
  });

  it('refuses input that is not a PDF, and a PDF without a credential, with their own codes', async () => {
    expect(await codeOf(extractCredentialFromPdf(new TextEncoder().encode('{"not":"a pdf"}')))).toBe(
      'CERTIFICATE_PDF_MALFORMED',
    );
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await codeOf(extractCredentialFromPdf(await plain.save()))).toBe('CERTIFICATE_PDF_NO_CREDENTIAL');
  });
});

describe('certificate and learner routes', () => {
  it('GET /api/v1/credentials/:id/pdf serves the certificate by number, named after it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/credentials/1X-2601022-33-000001/pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="1X-2601022-33-000001.pdf"');
    expect(Buffer.compare(res.rawPayload, Buffer.from(bytes))).toBe(0);
  });

  it('GET /api/v1/credentials/:id/pdf is a 404 NOT_FOUND for an unknown credential', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/credentials/no-such-thing/pdf' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it("GET /api/v1/learners/:id/credentials lists the learner's credentials and nobody else's", async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/learners/${f.learnerId}/credentials`,
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; learnerId: string; certificateNumber: string }[];
    expect(items.map((i) => i.id)).toEqual(f.mine.map((r) => r.id));
    expect(items.every((i) => i.learnerId === f.learnerId)).toBe(true);
    expect(items.map((i) => i.id)).not.toContain(f.other.id);
  });

  it('GET /api/v1/learners/:id/presentation is an unsigned VC 2.0 presentation of all their credentials', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/learners/${f.learnerId}/presentation`,
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.statusCode).toBe(200);
    const vp = res.json() as JsonObject;
    expect(vp['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vp.type).toEqual(['VerifiablePresentation']);
    expect(vp).not.toHaveProperty('holder');
    expect(vp.verifiableCredential).toEqual(f.mine.map((r) => r.document));
    const verifier = createInstanceVerifier(f.platform, baseUrl);
    const result = await verifier.verifyPresentation(vp);
    expect(result.checks.find((c) => c.name === 'shape')?.status).toBe('passed');
    expect(result.checks.find((c) => c.name === 'proof')).toMatchObject({ code: 'PROOF_MISSING' });
  });

  it('GET /api/v1/learners/:id/presentation is a 404 NOT_FOUND for an unknown learner', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/learners/nobody/presentation',
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
