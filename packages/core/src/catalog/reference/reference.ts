/**
 * National reference data shipped with OneX: provinces, the 2021 VET major catalogue (excerpt),
 * OCC 2022 occupations (excerpt) and the 16 certificates of batches 1–2 with their TEOs.
 *
 * The JSON files next to this module are parsed with zod when the module loads and their cross
 * references are checked, so a bad edit fails at import time rather than deep inside a use case.
 * Sources, confidence tags ([S]/[M]/[U]) and what `synthetic` means: `SOURCES.md` in this folder
 * and DOMAIN.md §3, §5, §9.
 */
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../shared/index.ts';
import {
  type EducationStage,
  educationStages,
  type LevelCode,
  levelNames,
  type OrgType,
  orgTypes,
  type PassRule,
} from '../catalog.model.ts';
import certificatesJson from './certificates.json' with { type: 'json' };
import majorsJson from './majors.json' with { type: 'json' };
import occupationsJson from './occupations.json' with { type: 'json' };
import provincesJson from './provinces.json' with { type: 'json' };

// The pass rule shape is the catalog model's own; re-exported so reference users need one import.
export type { PassRule };

// ---------------------------------------------------------------------------------------------
// Types

/** [S] found in a public source, [M] background knowledge (likely), [U] uncertain or our guess. */
export const confidences = ['S', 'M', 'U'] as const;
export type Confidence = (typeof confidences)[number];

export const macroRegions = ['EAST', 'CENTRAL', 'WEST'] as const;
/** NBS three-region split (DOMAIN.md §5.4). */
export type MacroRegion = (typeof macroRegions)[number];
export const macroRegions4 = ['EAST', 'CENTRAL', 'WEST', 'NORTHEAST'] as const;
/** Four-region split 东部/中部/西部/东北 (DOMAIN.md §5.4, [M]). */
export type MacroRegion4 = (typeof macroRegions4)[number];
export const provinceKinds = ['PROVINCE', 'AUTONOMOUS_REGION', 'MUNICIPALITY'] as const;
export type ProvinceKind = (typeof provinceKinds)[number];

/** A mainland province-level unit, keyed by its 2-digit GB/T 2260 code. */
export interface Province {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: ProvinceKind;
  region: MacroRegion;
  region4: MacroRegion4;
  synthetic: boolean;
}

export const majorLevels = ['SECONDARY_VET', 'HIGHER_VET_SHORT', 'VOCATIONAL_BACHELOR'] as const;
/** Education level of a catalogue major: 中职, 高职专科, 职业本科. */
export type MajorLevel = (typeof majorLevels)[number];

/**
 * One of the 19 专业大类. `code` is the 高职专科 code (41–59); the same group is numbered
 * `secondaryCode` (61–79) for 中职 and `bachelorCode` (21–39) for 职业本科 [M].
 */
export interface MajorGroup {
  code: string;
  secondaryCode: string;
  bachelorCode: string;
  nameZh: string;
  nameEn: string;
  /** Confidence of the code-to-name pairing. */
  confidence: Confidence;
}

/** A 专业类 (4-digit code; its first two digits are the level-specific group code). */
export interface MajorClass {
  code: string;
  nameZh: string;
  nameEn: string;
  groupCode: string;
  confidence: Confidence;
}

/** A major (专业) of the 2021 catalogue. */
export interface Major {
  code: string;
  nameZh: string;
  nameEn: string;
  classCode: string;
  groupCode: string;
  level: MajorLevel;
  /** ISCED-F 2013 detailed field; a project-proposed mapping [U]. */
  iscedF: string;
  catalogVersion: string;
  /** Confidence that the code-to-name pair is real. */
  confidence: Confidence;
  /** True when the code/name pair may not exist in the real catalogue. */
  synthetic: boolean;
}

export interface MajorCatalog {
  source: string;
  catalogVersion: string;
  groups: readonly MajorGroup[];
  classes: readonly MajorClass[];
  majors: readonly Major[];
}

export const occupationMarkers = ['S', 'L'] as const;
/** `S` = digital occupation (数字职业), `L` = green occupation (绿色职业, letter [M]). */
export type OccupationMarker = (typeof occupationMarkers)[number];

/** An occupation (职业, 细类) of the national occupational classification. */
export interface Occupation {
  code: string;
  nameZh: string;
  nameEn: string;
  edition: number;
  markers: OccupationMarker[];
  /** ISCO-08 unit groups; a project-proposed crosswalk [U]. */
  iscoCodes: string[];
  confidence: Confidence;
  synthetic: boolean;
  notes?: string;
}

/** The occupation excerpt with the edition it belongs to. */
export interface OccupationCatalog {
  source: string;
  edition: number;
  /** Who proposed the ISCO-08 crosswalk in `iscoCodes`; never an official mapping. */
  mappingAuthority: 'project-proposed';
  items: readonly Occupation[];
}

/** A training & evaluation organization (培训评价组织) of batches 1–2. */
export interface ReferenceTeo {
  code: string;
  nameZh: string;
  /** The short form used in the source, when `nameZh` is our fuller rendering of it. */
  shortNameZh?: string;
  nameEn: string;
  nameConfidence: Confidence;
  orgType: OrgType;
  /** Always synthetic: starts with `SYN`, which no real 统一社会信用代码 can (S is not in its alphabet). */
  uscc: string;
  /** ISO date. */
  approvedAt: string;
  synthetic: boolean;
  /** Fields whose values were made up for the demo. */
  syntheticFields: string[];
  notes?: string;
}

export const certificateDomains = [
  'IT',
  'MANUFACTURING',
  'COMMERCE',
  'FINANCE',
  'HEALTH',
  'CONSTRUCTION',
  'AUTOMOTIVE',
  'LOGISTICS',
] as const;
export type CertificateDomain = (typeof certificateDomains)[number];

/** One level (初级/中级/高级) of a reference certificate. */
export interface ReferenceLevel {
  level: LevelCode;
  nameZh: string;
  nameEn: string;
  /** The conventional education stage for this level (DOMAIN.md §3.2); not a hard rule. */
  intendedStage: EducationStage;
  targetMajors: string[];
  nominalHours: number;
  passRule: PassRule;
  eqfIndicative: number;
}

/** An X certificate of batches 1–2 as listed in DOMAIN.md §3.1. */
export interface ReferenceCertificate {
  /** Synthetic catalogue code `X-BBSS`: batch (2 digits) + position in the batch (2 digits). */
  code: string;
  nameZh: string;
  fullNameZh: string;
  nameEn: string;
  teoCode: string;
  batch: number;
  /** ISO date (synthetic). */
  publicNoticeAt: string;
  /** Pilot institutions (DOMAIN.md §3.1 table); null where the source has no figure. */
  pilotInstitutions: number | null;
  domain: CertificateDomain;
  occupationCodes: string[];
  iscoCodes: string[];
  iscedF: string[];
  /** Who proposed the ISCO / ISCED-F / EQF mapping; never an official referencing. */
  mappingAuthority: 'project-proposed';
  levels: ReferenceLevel[];
  synthetic: boolean;
  /** Fields whose values were made up for the demo (`levels.x` = that field on every level). */
  syntheticFields: string[];
  /** Fields we filled from background knowledge, not copied from the published standard. */
  inferredFields: string[];
  notes?: string;
}

// ---------------------------------------------------------------------------------------------
// Code formats (DOMAIN.md §9)

const OCCUPATION_CODE = /^[1-8]-\d{2}-\d{2}-\d{2}$/;
const MAJOR_CODE = /^\d{6}$/;

/** Group-code ranges per level: 中职 61–79, 高职专科 41–59, 职业本科 21–39 (DOMAIN.md §5.2). */
const groupRanges: Record<MajorLevel, readonly [number, number]> = {
  SECONDARY_VET: [61, 79],
  HIGHER_VET_SHORT: [41, 59],
  VOCATIONAL_BACHELOR: [21, 39],
};

/** True when `s` has the OCC format `D-DD-DD-DD` with a major group 1–8. */
export function isOccupationCode(s: string): boolean {
  return OCCUPATION_CODE.test(s);
}

/** The level a 2021-catalogue major code belongs to, from its group range; undefined if none fits. */
export function majorLevelOf(code: string): MajorLevel | undefined {
  if (!MAJOR_CODE.test(code)) return undefined;
  const group = Number(code.slice(0, 2));
  return majorLevels.find((level) => group >= groupRanges[level][0] && group <= groupRanges[level][1]);
}

/**
 * True when `s` is a 6-digit 2021-catalogue major code whose group fits a level range
 * (or, when `level` is given, that level's range). Format only: the code may still be unknown.
 */
export function isMajorCode(s: string, level?: MajorLevel): boolean {
  const found = majorLevelOf(s);
  return found !== undefined && (level === undefined || found === level);
}

// ---------------------------------------------------------------------------------------------
// Schemas (strict: an unknown or misspelt field is an error)

const confidence = z.enum(confidences);
const isoDate = z.iso.date();
const score = z.number().min(0).max(100);

const provinceSchema = z.strictObject({
  code: z.string().regex(/^[1-6]\d$/),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(provinceKinds),
  region: z.enum(macroRegions),
  region4: z.enum(macroRegions4),
  synthetic: z.boolean(),
});
const provincesFileSchema = z.strictObject({ source: z.string().min(1), items: z.array(provinceSchema) });

const majorsFileSchema = z.strictObject({
  source: z.string().min(1),
  catalogVersion: z.string().min(1),
  groups: z.array(
    z.strictObject({
      code: z.string().regex(/^[45]\d$/),
      secondaryCode: z.string().regex(/^[67]\d$/),
      bachelorCode: z.string().regex(/^[23]\d$/),
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      confidence,
    }),
  ),
  classes: z.array(
    z.strictObject({
      code: z.string().regex(/^\d{4}$/),
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      groupCode: z.string().regex(/^\d{2}$/),
      confidence,
    }),
  ),
  majors: z.array(
    z.strictObject({
      code: z.string().regex(MAJOR_CODE),
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      classCode: z.string().regex(/^\d{4}$/),
      groupCode: z.string().regex(/^\d{2}$/),
      level: z.enum(majorLevels),
      iscedF: z.string().regex(/^\d{4}$/),
      confidence,
      synthetic: z.boolean(),
    }),
  ),
});

const occupationsFileSchema = z.strictObject({
  source: z.string().min(1),
  edition: z.number().int(),
  mappingAuthority: z.literal('project-proposed'),
  items: z.array(
    z.strictObject({
      code: z.string().regex(OCCUPATION_CODE),
      nameZh: z.string().min(1),
      nameEn: z.string().min(1),
      markers: z.array(z.enum(occupationMarkers)),
      iscoCodes: z.array(z.string().regex(/^\d{4}$/)),
      confidence,
      synthetic: z.boolean(),
      notes: z.string().min(1).optional(),
    }),
  ),
});

const passRuleSchema = z
  .strictObject({
    theoryMin: score.optional(),
    practicalMin: score.optional(),
    totalMin: score.optional(),
    weights: z
      .strictObject({ theory: z.number().min(0).max(1), practical: z.number().min(0).max(1) })
      .optional(),
  })
  .refine((r) => r.theoryMin !== undefined || r.practicalMin !== undefined || r.totalMin !== undefined, {
    message: 'a pass rule needs at least one minimum',
  })
  .refine((r) => r.weights === undefined || Math.abs(r.weights.theory + r.weights.practical - 1) < 1e-9, {
    message: 'weights must add up to 1',
  });

const levelSchema = z
  .strictObject({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    nameZh: z.string(),
    nameEn: z.string(),
    intendedStage: z.enum(educationStages),
    targetMajors: z.array(z.string().regex(MAJOR_CODE)).min(1),
    nominalHours: z.number().int().positive(),
    passRule: passRuleSchema,
    eqfIndicative: z.number().int().min(1).max(8),
  })
  .refine((l) => l.nameZh === levelNames[l.level].zh && l.nameEn === levelNames[l.level].en, {
    message: 'level names must be 初级/中级/高级 (Elementary/Intermediate/Advanced) for 1/2/3',
  });

const certificatesFileSchema = z.strictObject({
  source: z.string().min(1),
  teos: z.array(
    z.strictObject({
      code: z.string().regex(/^TEO-\d{4}$/),
      nameZh: z.string().min(1),
      shortNameZh: z.string().min(1).optional(),
      nameEn: z.string().min(1),
      nameConfidence: confidence,
      orgType: z.enum(orgTypes),
      uscc: z.string().regex(/^SYN[0-9A-Z]{15}$/),
      approvedAt: isoDate,
      synthetic: z.boolean(),
      syntheticFields: z.array(z.string()),
      notes: z.string().min(1).optional(),
    }),
  ),
  certificates: z.array(
    z.strictObject({
      code: z.string().regex(/^X-\d{4}$/),
      nameZh: z.string().min(1),
      fullNameZh: z.string().endsWith('职业技能等级证书'),
      nameEn: z.string().min(1),
      teoCode: z.string(),
      batch: z.number().int().min(1).max(4),
      publicNoticeAt: isoDate,
      pilotInstitutions: z.number().int().nonnegative().nullable(),
      domain: z.enum(certificateDomains),
      occupationCodes: z.array(z.string()).min(1),
      iscoCodes: z.array(z.string().regex(/^\d{4}$/)),
      iscedF: z.array(z.string().regex(/^\d{4}$/)),
      mappingAuthority: z.literal('project-proposed'),
      levels: z.array(levelSchema),
      synthetic: z.boolean(),
      syntheticFields: z.array(z.string()),
      inferredFields: z.array(z.string()),
      notes: z.string().min(1).optional(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Loading and cross-reference checks

/** Everything in the reference folder, parsed. */
export interface ReferenceData {
  provinces: readonly Province[];
  majorCatalog: MajorCatalog;
  occupations: OccupationCatalog;
  teos: readonly ReferenceTeo[];
  certificates: readonly ReferenceCertificate[];
}

function parseFile<S extends z.ZodType>(schema: S, json: unknown, file: string): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new DomainError(
    'VALIDATION_FAILED',
    { zh: `参考数据文件 ${file} 不符合格式`, en: `Reference data file ${file} does not match its schema` },
    {
      file,
      issues: result.error.issues.map((i) => ({ path: `${file}:${i.path.join('.')}`, message: i.message })),
    },
  );
}

function duplicates(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const c of codes) {
    if (seen.has(c)) dups.push(c);
    seen.add(c);
  }
  return dups;
}

/**
 * Checks what the schemas cannot: unique codes, and that every code one file names exists in the
 * file it points to (major → class → group, certificate → TEO / majors / occupations).
 * Returns the problems; an empty list means the data is consistent.
 */
export function checkReferenceData(data: ReferenceData): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { groups, classes, majors } = data.majorCatalog;

  const lists: [string, readonly string[]][] = [
    ['provinces', data.provinces.map((p) => p.code)],
    ['majors.groups', groups.flatMap((g) => [g.code, g.secondaryCode, g.bachelorCode])],
    ['majors.classes', classes.map((c) => c.code)],
    ['majors.majors', majors.map((m) => m.code)],
    ['occupations', data.occupations.items.map((o) => o.code)],
    ['teos', data.teos.map((t) => t.code)],
    ['certificates', data.certificates.map((c) => c.code)],
  ];
  for (const [path, codes] of lists) {
    for (const d of duplicates(codes)) add(path, `duplicate code ${d}`);
  }

  const groupCodes = new Set(groups.flatMap((g) => [g.code, g.secondaryCode, g.bachelorCode]));
  const classByCode = new Map(classes.map((c) => [c.code, c]));
  const majorCodes = new Set(majors.map((m) => m.code));
  const occupationCodes = new Set(data.occupations.items.map((o) => o.code));
  const teoCodes = new Set(data.teos.map((t) => t.code));

  groups.forEach((g, i) => {
    if (Number(g.secondaryCode) !== Number(g.code) + 20 || Number(g.bachelorCode) !== Number(g.code) - 20) {
      add(`majors.groups.${i}`, `group ${g.code}: level codes must be code + 20 (中职) and code - 20 (本科)`);
    }
  });
  classes.forEach((c, i) => {
    if (!groupCodes.has(c.groupCode)) add(`majors.classes.${i}.groupCode`, `unknown group ${c.groupCode}`);
    if (!c.code.startsWith(c.groupCode))
      add(`majors.classes.${i}`, `class ${c.code} is not in group ${c.groupCode}`);
  });
  majors.forEach((m, i) => {
    const path = `majors.majors.${i}`;
    const cls = classByCode.get(m.classCode);
    if (!cls) add(`${path}.classCode`, `unknown class ${m.classCode}`);
    else if (cls.groupCode !== m.groupCode)
      add(`${path}.groupCode`, `class ${cls.code} is in group ${cls.groupCode}`);
    if (!m.code.startsWith(m.classCode)) add(path, `major ${m.code} is not in class ${m.classCode}`);
    if (!isMajorCode(m.code, m.level))
      add(`${path}.level`, `major ${m.code} does not fit the ${m.level} range`);
  });

  data.certificates.forEach((c, i) => {
    const path = `certificates.${i}`;
    if (!teoCodes.has(c.teoCode)) add(`${path}.teoCode`, `unknown TEO ${c.teoCode}`);
    c.occupationCodes.forEach((code, j) => {
      if (!occupationCodes.has(code)) add(`${path}.occupationCodes.${j}`, `unknown occupation ${code}`);
    });
    const levels = c.levels.map((l) => l.level).join(',');
    if (levels !== '1,2,3') add(`${path}.levels`, `levels must be 1,2,3 in order, got ${levels}`);
    c.levels.forEach((l, j) => {
      l.targetMajors.forEach((code, k) => {
        if (!majorCodes.has(code)) add(`${path}.levels.${j}.targetMajors.${k}`, `unknown major ${code}`);
      });
    });
  });
  return issues;
}

function loadReferenceData(): ReferenceData {
  const p = parseFile(provincesFileSchema, provincesJson, 'provinces.json');
  const m = parseFile(majorsFileSchema, majorsJson, 'majors.json');
  const o = parseFile(occupationsFileSchema, occupationsJson, 'occupations.json');
  const c = parseFile(certificatesFileSchema, certificatesJson, 'certificates.json');
  const data: ReferenceData = {
    provinces: p.items,
    majorCatalog: {
      source: m.source,
      catalogVersion: m.catalogVersion,
      groups: m.groups,
      classes: m.classes,
      majors: m.majors.map((major) => ({ ...major, catalogVersion: m.catalogVersion })),
    },
    occupations: {
      source: o.source,
      edition: o.edition,
      mappingAuthority: o.mappingAuthority,
      items: o.items.map((item) => ({ ...item, edition: o.edition })),
    },
    teos: c.teos,
    certificates: c.certificates,
  };
  const issues = checkReferenceData(data);
  if (issues.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        zh: `参考数据有 ${issues.length} 处交叉引用错误`,
        en: `The reference data has ${issues.length} cross-reference problem(s)`,
      },
      { issues },
    );
  }
  return data;
}

const data = loadReferenceData();

// ---------------------------------------------------------------------------------------------
// Exports

/** The 31 mainland province-level units (GB/T 2260 order). */
export const provinces: readonly Province[] = data.provinces;
/** Excerpt of the 2021 major catalogue: all 19 groups, the classes and majors the demo needs. */
export const majorCatalog: MajorCatalog = data.majorCatalog;
/** OCC 2022 occupations the 16 reference certificates serve (`items`), with the edition. */
export const occupations: OccupationCatalog = data.occupations;
/** The 15 TEOs of batches 1–2. */
export const referenceTeos: readonly ReferenceTeo[] = data.teos;
/** The 16 certificates of batches 1–2 (DOMAIN.md §3.1). */
export const referenceCertificates: readonly ReferenceCertificate[] = data.certificates;

const provinceIndex = new Map(provinces.map((p) => [p.code, p]));
const groupIndex = new Map(
  majorCatalog.groups.flatMap((g) =>
    [g.code, g.secondaryCode, g.bachelorCode].map((code) => [code, g] as const),
  ),
);
const classIndex = new Map(majorCatalog.classes.map((c) => [c.code, c]));
const majorIndex = new Map(majorCatalog.majors.map((m) => [m.code, m]));
const occupationIndex = new Map(occupations.items.map((o) => [o.code, o]));
const teoIndex = new Map(referenceTeos.map((t) => [t.code, t]));
const certificateIndex = new Map(referenceCertificates.map((c) => [c.code, c]));

export function findProvince(code: string): Province | undefined {
  return provinceIndex.get(code);
}
/** Finds a major group by any of its level codes (e.g. 51, 71 or 31 for 电子与信息). */
export function findMajorGroup(code: string): MajorGroup | undefined {
  return groupIndex.get(code);
}
export function findMajorClass(code: string): MajorClass | undefined {
  return classIndex.get(code);
}
/** Finds a major of the 2021 catalogue (this excerpt) by its 6-digit code. */
export function findMajor(code: string): Major | undefined {
  return majorIndex.get(code);
}
export function findOccupation(code: string): Occupation | undefined {
  return occupationIndex.get(code);
}
export function findReferenceTeo(code: string): ReferenceTeo | undefined {
  return teoIndex.get(code);
}
export function findReferenceCertificate(code: string): ReferenceCertificate | undefined {
  return certificateIndex.get(code);
}
