import { z } from 'zod';
import {
  type CertificateWithTeo,
  flattenStandard,
  type LevelCode,
  levelNames,
  type NodeKind,
  type SkillNode,
  type SkillStandardTree,
  type SkillStandardWithNodes,
} from '../catalog/index.ts';
import { DomainError, type FieldIssue } from '../shared/index.ts';

/**
 * 1EdTech CASE 1.1 (Competencies and Academic Standards Exchange) for skill standards: one
 * CFPackage per standard version, with a CFDocument, CFItems (one per level, work area, work task
 * and skill requirement) and `isChildOf` CFAssociations (child → parent; a level's parent is the
 * document). CASE has no fields for a requirement's four elements or for the English title, so
 * OneX also carries them in each object's `extensions.onex`; any CASE reader still sees the
 * Chinese statement, the dotted code (`humanCodingScheme`), the item type and, in `notes`, the
 * four elements in words. Export then import is lossless for every OneX field.
 */
export interface CaseNodeUri {
  title: string;
  identifier: string;
  uri: string;
}

export interface CaseDocument {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  description?: string;
  version?: string;
  adoptionStatus?: string;
  language?: string;
  subject?: string[];
  frameworkType?: string;
  lastChangeDateTime: string;
  extensions?: Record<string, unknown>;
}

export interface CaseItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  listEnumeration?: string;
  language?: string;
  notes?: string;
  lastChangeDateTime: string;
  CFDocumentURI: CaseNodeUri;
  extensions?: Record<string, unknown>;
}

export interface CaseAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  sequenceNumber?: number;
  originNodeURI: CaseNodeUri;
  destinationNodeURI: CaseNodeUri;
  lastChangeDateTime: string;
  CFDocumentURI: CaseNodeUri;
}

export interface CasePackage {
  CFDocument: CaseDocument;
  CFItems: CaseItem[];
  CFAssociations: CaseAssociation[];
}

const itemTypes: Record<NodeKind | 'LEVEL', string> = {
  LEVEL: 'Level',
  AREA: 'Work Area',
  TASK: 'Work Task',
  REQUIREMENT: 'Skill Requirement',
};
const itemTypesZh: Record<NodeKind | 'LEVEL', string> = {
  LEVEL: '等级',
  AREA: '工作领域',
  TASK: '工作任务',
  REQUIREMENT: '职业技能要求',
};

/**
 * A stable UUID-shaped identifier (version nibble 8, RFC 9562 "custom") from a name: four FNV-1a
 * 32-bit hashes. Identifiers only need to be unique within a package and stable across exports.
 */
export function caseIdentifier(name: string): string {
  const words = [0x811c9dc5, 0x01000193, 0x2f8a6b1d, 0x5bd1e995].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < name.length; i++) {
      h ^= name.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  });
  const hex = words.join('');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A standard version as a CASE 1.1 CFPackage. */
export function toCasePackage(
  standard: SkillStandardWithNodes,
  certificate: Pick<CertificateWithTeo, 'code' | 'nameZh' | 'teo'>,
): CasePackage {
  const at = (standard.publishedAt ?? standard.createdAt).toISOString();
  const docId = caseIdentifier(`onex:${standard.id}`);
  const ref = (identifier: string, title: string): CaseNodeUri => ({
    title,
    identifier,
    uri: `urn:uuid:${identifier}`,
  });
  const docRef = ref(docId, standard.titleZh);
  const nodeId = (level: LevelCode, code: string) => caseIdentifier(`onex:${standard.id}:${level}:${code}`);
  const levelId = (level: LevelCode) => caseIdentifier(`onex:${standard.id}:${level}`);
  const items: CaseItem[] = [];
  const associations: CaseAssociation[] = [];
  const nodes = [...standard.nodes].sort((a, b) => a.position - b.position);
  const levels = [...new Set(nodes.map((n) => n.level))].sort((a, b) => a - b);
  const titleOf = new Map<string, string>();
  const child = (origin: CaseNodeUri, destination: CaseNodeUri, seq: number) => {
    const identifier = caseIdentifier(`onex:${standard.id}:assoc:${origin.identifier}`);
    associations.push({
      identifier,
      uri: `urn:uuid:${identifier}`,
      associationType: 'isChildOf',
      sequenceNumber: seq,
      originNodeURI: origin,
      destinationNodeURI: destination,
      lastChangeDateTime: at,
      CFDocumentURI: docRef,
    });
  };
  levels.forEach((level, i) => {
    const id = levelId(level);
    const title = `${certificate.nameZh} ${levelNames[level].zh}`;
    titleOf.set(id, title);
    items.push({
      identifier: id,
      uri: `urn:uuid:${id}`,
      fullStatement: title,
      humanCodingScheme: `L${level}`,
      CFItemType: itemTypes.LEVEL,
      listEnumeration: String(level),
      language: 'zh',
      lastChangeDateTime: at,
      CFDocumentURI: docRef,
      extensions: { onex: { kind: 'LEVEL', level } },
    });
    child(ref(id, title), docRef, i + 1);
  });
  const seq = new Map<string, number>();
  for (const n of nodes) {
    const id = nodeId(n.level, n.code);
    titleOf.set(id, n.titleZh);
    const parentCode = n.code.split('.').slice(0, -1).join('.');
    const parent = parentCode ? nodeId(n.level, parentCode) : levelId(n.level);
    const k = (seq.get(parent) ?? 0) + 1;
    seq.set(parent, k);
    const four =
      n.kind === 'REQUIREMENT'
        ? { behaviour: n.behaviour, condition: n.condition, standard: n.standard, result: n.result }
        : {};
    items.push({
      identifier: id,
      uri: `urn:uuid:${id}`,
      fullStatement: n.titleZh,
      humanCodingScheme: n.code,
      CFItemType: itemTypes[n.kind],
      listEnumeration: String(k),
      language: 'zh',
      ...(n.kind === 'REQUIREMENT'
        ? {
            notes: `行为：${n.behaviour ?? ''}\n条件：${n.condition ?? ''}\n标准：${n.standard ?? ''}\n结果：${n.result ?? ''}`,
          }
        : {}),
      lastChangeDateTime: at,
      CFDocumentURI: docRef,
      extensions: { onex: { kind: n.kind, level: n.level, titleEn: n.titleEn, ...four } },
    });
    child(ref(id, n.titleZh), ref(parent, titleOf.get(parent) ?? ''), k);
  }
  return {
    CFDocument: {
      identifier: docId,
      uri: `urn:uuid:${docId}`,
      creator: certificate.teo.nameZh,
      title: standard.titleZh,
      description: standard.titleEn,
      version: String(standard.version),
      adoptionStatus: standard.status === 'PUBLISHED' ? 'Adopted' : 'Draft',
      language: 'zh',
      subject: [certificate.code],
      frameworkType: '职业技能等级标准',
      lastChangeDateTime: at,
      extensions: {
        onex: { certificateCode: certificate.code, titleEn: standard.titleEn, version: standard.version },
      },
    },
    CFItems: items,
    CFAssociations: associations,
  };
}

const nodeUri = z.object({ identifier: z.string().min(1) }).passthrough();
const onexExt = z
  .object({
    kind: z.enum(['LEVEL', 'AREA', 'TASK', 'REQUIREMENT']).optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    titleEn: z.string().nullable().optional(),
    behaviour: z.string().nullable().optional(),
    condition: z.string().nullable().optional(),
    standard: z.string().nullable().optional(),
    result: z.string().nullable().optional(),
    certificateCode: z.string().optional(),
  })
  .passthrough();
const packageSchema = z.object({
  CFDocument: z
    .object({
      identifier: z.string().min(1),
      title: z.string().min(1),
      description: z.string().optional(),
      adoptionStatus: z.string().optional(),
      subject: z.array(z.string()).optional(),
      extensions: z.object({ onex: onexExt.optional() }).passthrough().optional(),
    })
    .passthrough(),
  CFItems: z.array(
    z
      .object({
        identifier: z.string().min(1),
        fullStatement: z.string().min(1),
        humanCodingScheme: z.string().optional(),
        CFItemType: z.string().optional(),
        listEnumeration: z.string().optional(),
        extensions: z.object({ onex: onexExt.optional() }).passthrough().optional(),
      })
      .passthrough(),
  ),
  CFAssociations: z.array(
    z
      .object({
        associationType: z.string().min(1),
        sequenceNumber: z.number().int().optional(),
        originNodeURI: nodeUri,
        destinationNodeURI: nodeUri,
      })
      .passthrough(),
  ),
});

export interface ParsedCasePackage {
  certificateCode: string;
  adopted: boolean;
  tree: SkillStandardTree;
  /** The nodes the tree flattens to (checked by the catalog's rules). */
  nodes: SkillNode[];
}

function malformed(issues: FieldIssue[]): DomainError {
  return new DomainError(
    'CURRICULUM_CASE_MALFORMED',
    {
      zh: `CASE 文件有 ${issues.length} 处错误，未导入任何内容`,
      en: `The CASE package has ${issues.length} problem(s); nothing was imported`,
    },
    { issues },
  );
}

function kindOf(type: string | undefined): NodeKind | 'LEVEL' | undefined {
  if (!type) return undefined;
  const t = type.trim().toLowerCase();
  for (const k of ['LEVEL', 'AREA', 'TASK', 'REQUIREMENT'] as const) {
    if (t === itemTypes[k].toLowerCase() || t === itemTypesZh[k]) return k;
  }
  return undefined;
}

/**
 * Reads a CFPackage back into a standard tree. Every problem is reported with its JSON path
 * (`CFItems.3.CFItemType`) as `CURRICULUM_CASE_MALFORMED`: not JSON-shaped, unknown item types,
 * dangling or missing parents, an item under the wrong kind of parent, bad codes.
 */
export function parseCasePackage(input: unknown): ParsedCasePackage {
  const parsed = packageSchema.safeParse(input);
  if (!parsed.success) {
    throw malformed(
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(package)', message: i.message })),
    );
  }
  const pkg = parsed.data;
  const issues: FieldIssue[] = [];
  const docExt = pkg.CFDocument.extensions?.onex;
  const certificateCode = docExt?.certificateCode ?? pkg.CFDocument.subject?.[0];
  if (!certificateCode) {
    issues.push({ path: 'CFDocument.subject', message: 'names no certificate code (subject[0])' });
  }
  interface Item {
    index: number;
    kind: NodeKind | 'LEVEL';
    raw: (typeof pkg.CFItems)[number];
    level?: LevelCode;
  }
  const items = new Map<string, Item>();
  pkg.CFItems.forEach((raw, index) => {
    const ext = raw.extensions?.onex;
    const kind = ext?.kind ?? kindOf(raw.CFItemType);
    if (!kind) {
      issues.push({
        path: `CFItems.${index}.CFItemType`,
        message: `"${raw.CFItemType ?? ''}" is not Level, Work Area, Work Task or Skill Requirement`,
      });
      return;
    }
    if (items.has(raw.identifier)) {
      issues.push({ path: `CFItems.${index}.identifier`, message: `duplicate identifier ${raw.identifier}` });
      return;
    }
    let level: LevelCode | undefined = ext?.level;
    if (kind === 'LEVEL' && level === undefined) {
      const m = /^L?([123])$/.exec(raw.humanCodingScheme ?? raw.listEnumeration ?? '');
      if (m) level = Number(m[1]) as LevelCode;
      else
        issues.push({
          path: `CFItems.${index}.humanCodingScheme`,
          message: 'a level item needs L1, L2 or L3',
        });
    }
    if (kind !== 'LEVEL' && !raw.humanCodingScheme) {
      issues.push({ path: `CFItems.${index}.humanCodingScheme`, message: 'needs a code like 1.1.1' });
    }
    items.set(raw.identifier, { index, kind, raw, ...(level === undefined ? {} : { level }) });
  });
  const children = new Map<string, { id: string; seq: number }[]>();
  const parentOf = new Map<string, string>();
  pkg.CFAssociations.forEach((a, index) => {
    if (a.associationType !== 'isChildOf') return;
    const origin = a.originNodeURI.identifier;
    const dest = a.destinationNodeURI.identifier;
    if (!items.has(origin)) {
      issues.push({ path: `CFAssociations.${index}.originNodeURI`, message: `unknown item ${origin}` });
      return;
    }
    if (dest !== pkg.CFDocument.identifier && !items.has(dest)) {
      issues.push({ path: `CFAssociations.${index}.destinationNodeURI`, message: `unknown item ${dest}` });
      return;
    }
    if (parentOf.has(origin)) {
      issues.push({
        path: `CFAssociations.${index}.originNodeURI`,
        message: `item ${origin} has two parents`,
      });
      return;
    }
    parentOf.set(origin, dest);
    let list = children.get(dest);
    if (!list) {
      list = [];
      children.set(dest, list);
    }
    list.push({ id: origin, seq: a.sequenceNumber ?? Number(items.get(origin)!.raw.listEnumeration ?? 0) });
  });
  const expectedParent: Record<NodeKind | 'LEVEL', NodeKind | 'LEVEL' | 'DOCUMENT'> = {
    LEVEL: 'DOCUMENT',
    AREA: 'LEVEL',
    TASK: 'AREA',
    REQUIREMENT: 'TASK',
  };
  for (const [id, item] of items) {
    const parent = parentOf.get(id);
    const want = expectedParent[item.kind];
    const got =
      parent === undefined
        ? undefined
        : parent === pkg.CFDocument.identifier
          ? 'DOCUMENT'
          : items.get(parent)!.kind;
    if (got !== want) {
      issues.push({
        path: `CFItems.${item.index}`,
        message:
          got === undefined
            ? `${itemTypes[item.kind]} ${item.raw.humanCodingScheme ?? id} has no isChildOf association`
            : `${itemTypes[item.kind]} ${item.raw.humanCodingScheme ?? id} is a child of a ${got === 'DOCUMENT' ? 'document' : itemTypes[got]}, not of a ${want === 'DOCUMENT' ? 'document' : itemTypes[want]}`,
      });
    }
  }
  if (issues.length > 0) throw malformed(issues);
  const ordered = (parent: string) =>
    (children.get(parent) ?? []).sort((a, b) => a.seq - b.seq).map((c) => items.get(c.id)!);
  const opt = (s: string | null | undefined) => (s === null || s === undefined ? {} : { titleEn: s });
  const tree: SkillStandardTree = {
    titleZh: pkg.CFDocument.title,
    titleEn: docExt?.titleEn ?? pkg.CFDocument.description ?? pkg.CFDocument.title,
    levels: ordered(pkg.CFDocument.identifier).map((lvl) => ({
      level: lvl.level!,
      areas: ordered(lvl.raw.identifier).map((area) => ({
        code: area.raw.humanCodingScheme!,
        titleZh: area.raw.fullStatement,
        ...opt(area.raw.extensions?.onex?.titleEn),
        tasks: ordered(area.raw.identifier).map((task) => ({
          code: task.raw.humanCodingScheme!,
          titleZh: task.raw.fullStatement,
          ...opt(task.raw.extensions?.onex?.titleEn),
          requirements: ordered(task.raw.identifier).map((req) => {
            const e = req.raw.extensions?.onex;
            return {
              code: req.raw.humanCodingScheme!,
              titleZh: req.raw.fullStatement,
              ...opt(e?.titleEn),
              behaviour: e?.behaviour ?? '',
              condition: e?.condition ?? '',
              standard: e?.standard ?? '',
              result: e?.result ?? '',
            };
          }),
        })),
      })),
    })),
  };
  let nodes: SkillNode[];
  try {
    nodes = flattenStandard(tree);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') {
      throw malformed((e.details.issues ?? []).map((i) => ({ path: `tree.${i.path}`, message: i.message })));
    }
    throw e;
  }
  return {
    certificateCode: certificateCode!,
    adopted: pkg.CFDocument.adoptionStatus === 'Adopted',
    tree,
    nodes,
  };
}
