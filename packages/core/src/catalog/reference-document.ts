import type { CatalogDocument } from './catalog.model.ts';
import { referenceCertificates, referenceTeos } from './reference/reference.ts';

/**
 * The national catalog shipped with OneX (batches 1 and 2: 16 certificates, their TEOs, three
 * levels each) as a catalog document, ready for `CatalogService.importCatalog`. TEOs are APPROVED
 * and certificates ACTIVE, with the dates the reference data gives.
 */
export function referenceCatalogDocument(): CatalogDocument {
  return {
    format: 'onex-catalog/1',
    teos: referenceTeos.map((t) => ({
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      orgType: t.orgType,
      uscc: t.uscc ?? null,
      status: 'APPROVED',
      appliedAt: new Date(t.approvedAt).toISOString(),
      approvedAt: new Date(t.approvedAt).toISOString(),
      exitedAt: null,
      exitReason: null,
      synthetic: t.synthetic,
    })),
    certificates: referenceCertificates.map((c) => ({
      code: c.code,
      teoCode: c.teoCode,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      fullNameZh: c.fullNameZh,
      batch: c.batch,
      domain: c.domain,
      status: 'ACTIVE',
      occupationCodes: c.occupationCodes,
      iscoCodes: c.iscoCodes,
      iscedF: c.iscedF,
      synthetic: c.synthetic,
      levels: c.levels.map((l) => ({
        level: l.level,
        nameZh: l.nameZh,
        nameEn: l.nameEn,
        intendedStage: l.intendedStage,
        targetMajors: l.targetMajors,
        nominalHours: l.nominalHours,
        passRule: l.passRule,
        eqf: l.eqfIndicative ?? null,
      })),
    })),
  };
}
