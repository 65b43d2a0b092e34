import {
  type Clock,
  DomainError,
  type FieldIssue,
  type IdGenerator,
  invalid,
  notFound,
} from '../shared/index.ts';
import type {
  CatalogDocument,
  CatalogImportResult,
  Certificate,
  CertificateLevel,
  CertificateStatus,
  CertificateWithTeo,
  OrgType,
  SkillStandard,
  SkillStandardTree,
  SkillStandardWithNodes,
  StandardDiff,
  Teo,
  TeoStatus,
} from './catalog.model.ts';
import type { CatalogStore, CertificateFilter } from './catalog.ports.ts';
import {
  assertTransition,
  assertVoluntaryExitAllowed,
  certificateTransitions,
  diffStandards,
  flattenStandard,
  isTeoInGoodStanding,
  teoTransitions,
} from './catalog.rules.ts';
import { findMajor, findOccupation } from './reference/reference.ts';

export interface CatalogDeps {
  store: CatalogStore;
  clock: Clock;
  ids: IdGenerator;
}

export interface NewTeo {
  code: string;
  nameZh: string;
  nameEn: string;
  orgType: OrgType;
  uscc?: string | null | undefined;
  synthetic?: boolean | undefined;
}

export interface NewCertificate {
  code: string;
  teoId: string;
  nameZh: string;
  nameEn: string;
  fullNameZh?: string | undefined;
  batch?: number | null | undefined;
  domain: string;
  occupationCodes: string[];
  iscoCodes?: string[] | undefined;
  iscedF?: string[] | undefined;
  levels: CertificateLevel[];
  synthetic?: boolean | undefined;
}

export interface TeoTransition {
  to: TeoStatus;
  reason?: string | undefined;
  /** Only for EXITED: a voluntary exit must wait one year after approval; a compulsory one need not. */
  voluntary?: boolean | undefined;
}

/** The national catalog: TEOs, certificates with their three levels, and versioned skill standards. */
export class CatalogService {
  constructor(private readonly deps: CatalogDeps) {}

  listTeos(): Promise<Teo[]> {
    return this.deps.store.listTeos();
  }

  async getTeo(idOrCode: string): Promise<Teo> {
    const teo = await this.deps.store.findTeo(idOrCode);
    if (!teo) throw notFound('培训评价组织 TEO', idOrCode);
    return teo;
  }

  /** Registers a TEO's application (status APPLIED). */
  async applyTeo(input: NewTeo): Promise<Teo> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      if (await tx.findTeo(input.code)) throw duplicateCode('TEO', input.code);
      const teo: Teo = {
        id: this.deps.ids.next('teo'),
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        orgType: input.orgType,
        uscc: input.uscc ?? null,
        status: 'APPLIED',
        appliedAt: now,
        approvedAt: null,
        exitedAt: null,
        exitReason: null,
        synthetic: input.synthetic ?? false,
      };
      await tx.insertTeo(teo, now);
      return teo;
    });
  }

  /**
   * Moves a TEO through its lifecycle. Exit or revocation takes its certificates out of the
   * catalog (EXITED) but never touches certificates already issued (退出目录实施细则 Art. 8).
   */
  async transitionTeo(idOrCode: string, change: TeoTransition): Promise<Teo> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const teo = await tx.findTeo(idOrCode);
      if (!teo) throw notFound('培训评价组织 TEO', idOrCode);
      assertTransition(teoTransitions, 'TEO ', teo.status, change.to);
      if (change.to === 'EXITED' && change.voluntary !== false)
        assertVoluntaryExitAllowed(teo.approvedAt, now);
      if ((change.to === 'EXITED' || change.to === 'REVOKED') && !change.reason) {
        throw invalid('reason', { zh: '退出或撤销必须说明原因', en: 'An exit or revocation needs a reason' });
      }
      const next: Teo = {
        ...teo,
        status: change.to,
        approvedAt: change.to === 'APPROVED' && !teo.approvedAt ? now : teo.approvedAt,
        exitedAt: change.to === 'EXITED' || change.to === 'REVOKED' ? now : teo.exitedAt,
        exitReason:
          change.to === 'EXITED' || change.to === 'REVOKED' ? (change.reason ?? null) : teo.exitReason,
      };
      await tx.updateTeo(next, { from: teo.status, to: change.to, reason: change.reason ?? null, at: now });
      if (change.to === 'EXITED' || change.to === 'REVOKED') {
        for (const cert of await tx.listCertificates({ teoId: teo.id })) {
          if (cert.status === 'EXITED') continue;
          await tx.updateCertificateStatus(cert.id, {
            from: cert.status,
            to: 'EXITED',
            reason: `TEO ${change.to.toLowerCase()}: ${change.reason ?? ''}`,
            at: now,
          });
        }
      }
      return next;
    });
  }

  listCertificates(filter: CertificateFilter = {}): Promise<CertificateWithTeo[]> {
    return this.deps.store.listCertificates(filter);
  }

  async getCertificate(idOrCode: string): Promise<CertificateWithTeo> {
    const cert = await this.deps.store.findCertificate(idOrCode);
    if (!cert) throw notFound('证书 certificate', idOrCode);
    return cert;
  }

  /** Adds a certificate (status DRAFT) with its levels, after checking every code against the reference data. */
  async createCertificate(input: NewCertificate): Promise<CertificateWithTeo> {
    assertCertificateCodes(input);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const teo = await tx.findTeo(input.teoId);
      if (!teo)
        throw invalid('teoId', {
          zh: `未知的培训评价组织：${input.teoId}`,
          en: `Unknown TEO: ${input.teoId}`,
        });
      if (await tx.findCertificate(input.code)) throw duplicateCode('certificate', input.code);
      const cert: Certificate = {
        id: this.deps.ids.next('cert'),
        code: input.code,
        teoId: teo.id,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        fullNameZh: input.fullNameZh ?? `${input.nameZh}职业技能等级证书`,
        batch: input.batch ?? null,
        domain: input.domain,
        status: 'DRAFT',
        occupationCodes: input.occupationCodes,
        iscoCodes: input.iscoCodes ?? [],
        iscedF: input.iscedF ?? [],
        synthetic: input.synthetic ?? false,
        levels: [...input.levels].sort((a, b) => a.level - b.level),
      };
      await tx.insertCertificate(cert, now);
      return { ...cert, teo: pickTeo(teo) };
    });
  }

  async transitionCertificate(
    idOrCode: string,
    to: CertificateStatus,
    reason?: string,
  ): Promise<CertificateWithTeo> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const cert = await tx.findCertificate(idOrCode);
      if (!cert) throw notFound('证书 certificate', idOrCode);
      assertTransition(certificateTransitions, '证书 certificate ', cert.status, to);
      if (to === 'ACTIVE' && !isTeoInGoodStanding(cert.teo.status)) {
        throw new DomainError('CATALOG_TEO_NOT_APPROVED', {
          zh: `培训评价组织 ${cert.teo.code} 状态为 ${cert.teo.status}，证书不能启用`,
          en: `TEO ${cert.teo.code} is ${cert.teo.status}; the certificate cannot become active`,
        });
      }
      await tx.updateCertificateStatus(cert.id, { from: cert.status, to, reason: reason ?? null, at: now });
      return { ...cert, status: to };
    });
  }

  async listStandards(certificateIdOrCode: string): Promise<SkillStandard[]> {
    const cert = await this.getCertificate(certificateIdOrCode);
    return this.deps.store.listStandards(cert.id);
  }

  async getStandard(id: string): Promise<SkillStandardWithNodes> {
    const std = await this.deps.store.findStandard(id);
    if (!std) throw notFound('技能标准 skill standard', id);
    return std;
  }

  /** Starts a new version (DRAFT) of a certificate's standard; its number is the next after the latest. */
  async createStandardVersion(
    certificateIdOrCode: string,
    tree: SkillStandardTree,
    basedOnId?: string,
  ): Promise<SkillStandardWithNodes> {
    const nodes = flattenStandard(tree);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const cert = await tx.findCertificate(certificateIdOrCode);
      if (!cert) throw notFound('证书 certificate', certificateIdOrCode);
      assertLevelsOffered(cert, tree);
      if (basedOnId !== undefined) {
        const base = await tx.findStandard(basedOnId);
        if (!base || base.certificateId !== cert.id) {
          throw invalid('basedOnId', {
            zh: '基础版本不属于该证书',
            en: 'basedOnId is not a version of this certificate',
          });
        }
      }
      const version = (await tx.latestStandardVersion(cert.id)) + 1;
      const standard: SkillStandard = {
        id: this.deps.ids.next('std'),
        certificateId: cert.id,
        version,
        status: 'DRAFT',
        titleZh: tree.titleZh,
        titleEn: tree.titleEn,
        basedOnId: basedOnId ?? null,
        createdAt: now,
        publishedAt: null,
      };
      await tx.insertStandard(standard, nodes);
      return { ...standard, nodes };
    });
  }

  /** Replaces the tree of a draft. A published version is immutable: that is a 409, not an edit. */
  async updateDraft(id: string, tree: SkillStandardTree): Promise<SkillStandardWithNodes> {
    const nodes = flattenStandard(tree);
    return this.deps.store.transaction(async (tx) => {
      const std = await tx.findStandard(id);
      if (!std) throw notFound('技能标准 skill standard', id);
      assertDraft(std);
      const cert = await tx.findCertificate(std.certificateId);
      if (cert) assertLevelsOffered(cert, tree);
      const next: SkillStandard = { ...std, titleZh: tree.titleZh, titleEn: tree.titleEn };
      await tx.replaceDraft(next, nodes);
      return { ...next, nodes };
    });
  }

  async publishStandard(id: string): Promise<SkillStandardWithNodes> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const std = await tx.findStandard(id);
      if (!std) throw notFound('技能标准 skill standard', id);
      assertDraft(std);
      await tx.markPublished(id, now);
      return { ...std, status: 'PUBLISHED', publishedAt: now };
    });
  }

  /**
   * Imports a catalog document in one transaction: codes not yet present are added with the
   * statuses and dates the document gives; codes already present are skipped (so an import is
   * idempotent). Every bad entry is reported with its path, and then nothing is written.
   */
  async importCatalog(doc: CatalogDocument): Promise<CatalogImportResult> {
    const issues: FieldIssue[] = [];
    const teoCodes = new Set(doc.teos.map((t) => t.code));
    doc.certificates.forEach((c, i) => {
      try {
        assertCertificateCodes(c);
      } catch (e) {
        if (e instanceof DomainError) {
          for (const issue of e.details.issues ?? [])
            issues.push({ ...issue, path: `certificates.${i}.${issue.path}` });
        } else throw e;
      }
      if (c.levels.length === 0)
        issues.push({ path: `certificates.${i}.levels`, message: 'a certificate needs a level' });
    });
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const result: CatalogImportResult = {
        teos: { added: [], skipped: [] },
        certificates: { added: [], skipped: [] },
      };
      const teoIds = new Map<string, string>();
      for (const t of doc.teos) {
        const existing = await tx.findTeo(t.code);
        if (existing) {
          teoIds.set(t.code, existing.id);
          result.teos.skipped.push(t.code);
          continue;
        }
        const teo: Teo = {
          id: this.deps.ids.next('teo'),
          code: t.code,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          orgType: t.orgType,
          uscc: t.uscc,
          status: t.status,
          appliedAt: new Date(t.appliedAt),
          approvedAt: t.approvedAt ? new Date(t.approvedAt) : null,
          exitedAt: t.exitedAt ? new Date(t.exitedAt) : null,
          exitReason: t.exitReason,
          synthetic: t.synthetic,
        };
        teoIds.set(t.code, teo.id);
        if (issues.length === 0) await tx.insertTeo(teo, now);
        result.teos.added.push(t.code);
      }
      for (const [i, c] of doc.certificates.entries()) {
        if (await tx.findCertificate(c.code)) {
          result.certificates.skipped.push(c.code);
          continue;
        }
        let teoId = teoIds.get(c.teoCode);
        if (!teoId && !teoCodes.has(c.teoCode)) teoId = (await tx.findTeo(c.teoCode))?.id;
        if (!teoId) {
          issues.push({ path: `certificates.${i}.teoCode`, message: `unknown TEO ${c.teoCode}` });
          continue;
        }
        if (issues.length === 0) {
          await tx.insertCertificate(
            {
              ...c,
              id: this.deps.ids.next('cert'),
              teoId,
              levels: [...c.levels].sort((a, b) => a.level - b.level),
            },
            now,
          );
        }
        result.certificates.added.push(c.code);
      }
      if (issues.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            zh: `目录文件有 ${issues.length} 处错误，未导入任何内容`,
            en: `The catalog document has ${issues.length} problem(s); nothing was imported`,
          },
          { issues },
        );
      }
      return result;
    });
  }

  async exportCatalog(): Promise<CatalogDocument> {
    const [teos, certificates] = await Promise.all([
      this.deps.store.listTeos(),
      this.deps.store.listCertificates({}),
    ]);
    return {
      format: 'onex-catalog/1',
      teos: teos.map((t) => ({
        code: t.code,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        orgType: t.orgType,
        uscc: t.uscc,
        status: t.status,
        appliedAt: t.appliedAt.toISOString(),
        approvedAt: t.approvedAt?.toISOString() ?? null,
        exitedAt: t.exitedAt?.toISOString() ?? null,
        exitReason: t.exitReason,
        synthetic: t.synthetic,
      })),
      certificates: certificates.map((c) => ({
        code: c.code,
        teoCode: c.teo.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        fullNameZh: c.fullNameZh,
        batch: c.batch,
        domain: c.domain,
        status: c.status,
        occupationCodes: c.occupationCodes,
        iscoCodes: c.iscoCodes,
        iscedF: c.iscedF,
        synthetic: c.synthetic,
        levels: c.levels,
      })),
    };
  }

  async compareStandards(fromId: string, toId: string): Promise<StandardDiff> {
    const [from, to] = await Promise.all([this.getStandard(fromId), this.getStandard(toId)]);
    if (from.certificateId !== to.certificateId) {
      throw invalid('to', {
        zh: '只能比较同一证书的两个版本',
        en: 'Only two versions of the same certificate can be compared',
      });
    }
    return diffStandards(from, to);
  }
}

function assertDraft(std: SkillStandard): void {
  if (std.status === 'PUBLISHED') {
    throw new DomainError(
      'CATALOG_STANDARD_PUBLISHED',
      {
        zh: `技能标准第 ${std.version} 版已发布，不可修改；请创建新版本`,
        en: `Version ${std.version} of this skill standard is published and immutable; create a new version`,
      },
      { id: std.id, version: std.version },
    );
  }
}

function assertLevelsOffered(cert: Certificate, tree: SkillStandardTree): void {
  const offered = new Set(cert.levels.map((l) => l.level));
  const issues: FieldIssue[] = tree.levels
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => !offered.has(l.level))
    .map(({ l, i }) => ({
      path: `levels.${i}.level`,
      message: `certificate ${cert.code} has no level ${l.level}`,
    }));
  if (issues.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '证书没有该等级', en: 'The certificate has no such level' },
      { issues },
    );
  }
}

function assertCertificateCodes(input: Pick<NewCertificate, 'occupationCodes' | 'levels'>): void {
  const issues: FieldIssue[] = [];
  input.occupationCodes.forEach((code, i) => {
    if (!findOccupation(code)) {
      issues.push({ path: `occupationCodes.${i}`, message: `unknown occupation code ${code} (OCC 2022)` });
    }
  });
  const seen = new Set<number>();
  input.levels.forEach((lvl, li) => {
    if (seen.has(lvl.level)) issues.push({ path: `levels.${li}.level`, message: `level ${lvl.level} twice` });
    seen.add(lvl.level);
    lvl.targetMajors.forEach((code, mi) => {
      if (!findMajor(code)) {
        issues.push({
          path: `levels.${li}.targetMajors.${mi}`,
          message: `unknown major code ${code} (2021 catalogue)`,
        });
      }
    });
  });
  if (issues.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: `证书数据有 ${issues.length} 处错误`, en: `The certificate has ${issues.length} problem(s)` },
      { issues },
    );
  }
}

function duplicateCode(what: string, code: string): DomainError {
  return new DomainError(
    'CATALOG_DUPLICATE_CODE',
    { zh: `代码已存在：${code}`, en: `A ${what} with code ${code} already exists` },
    { code },
  );
}

export function pickTeo(teo: Teo): CertificateWithTeo['teo'] {
  return { id: teo.id, code: teo.code, nameZh: teo.nameZh, nameEn: teo.nameEn, status: teo.status };
}
