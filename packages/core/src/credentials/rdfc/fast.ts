/**
 * The fast path: JSON-LD → RDF for the context lists OneX issues and verifies with, without
 * building the expanded document, the node map or jsonld's async machinery.
 *
 * It walks the compacted JSON once and emits quads directly, applying the rules of JSON-LD 1.1
 * Processing Algorithms §5.1 Expansion (term, type-scoped and property-scoped contexts, value
 * expansion, `@list` / `@graph` containers) and §8.1 "Deserialize JSON-LD to RDF" (node map merging
 * of nodes with the same `@id`, duplicate removal, literal forms of native numbers and booleans,
 * `rdf:JSON` literals) exactly as jsonld 9 implements them with `safe: true`, `base: null` and
 * `rdfDirection: 'i18n-datatype'` (the options @digitalbazaar/eddsa-rdfc-2022-cryptosuite uses).
 *
 * Anything the walk does not implement, and anything jsonld safe mode would reject, makes it decline
 * (`undefined`): the caller then uses the reference path, which either produces the same N-Quads
 * or throws the safe-mode error. The fast path therefore never accepts a document the reference
 * rejects.
 *
 * Specs: https://www.w3.org/TR/json-ld11-api/#expansion-algorithm,
 * https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm
 */
import canonicalizeJson from 'canonicalize';
import {
  type ActiveContext,
  expandIri,
  INITIAL_CONTEXT,
  isAbsoluteIri,
  isKeyword,
  isPlainObject,
  processContext,
  REGEX_BCP47,
  type TermDefinition,
  Unsupported,
} from './context-processing.ts';
import { CONTEXT_URLS, getContextDocument } from './contexts.ts';
import {
  type BlankNode,
  canonicalizeUniqueFirstDegree,
  type DefaultGraph,
  type Literal,
  type NamedNode,
  type Quad,
  RDF_LANGSTRING,
  type Sha256,
  XSD_STRING,
} from './rdfc10.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE: NamedNode = { termType: 'NamedNode', value: `${RDF}type` };
const RDF_FIRST: NamedNode = { termType: 'NamedNode', value: `${RDF}first` };
const RDF_REST: NamedNode = { termType: 'NamedNode', value: `${RDF}rest` };
const RDF_NIL: NamedNode = { termType: 'NamedNode', value: `${RDF}nil` };
const RDF_JSON = `${RDF}JSON`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const DEFAULT_GRAPH: DefaultGraph = { termType: 'DefaultGraph', value: '' };
const MAX_DEPTH = 64;

const { credentialsV2, openBadgesV303, openBadgesV302, openBadgesExtensions, clrV201 } = CONTEXT_URLS;

/**
 * The `@context` values the fast path accepts, at the top level and on embedded credentials (a CLR's
 * `verifiableCredential` entries). Each is compiled once, lazily, from the offline registry; a list
 * whose contexts are not all registered is declined until they are. OB credentials that use `credentialSchema` of type
 * `1EdTechJsonSchemaValidator2019` need the OB `extensions.json` context: without it jsonld safe mode
 * rejects the type as relative. OB 3.0.1 is absent on purpose: it redefines the protected term
 * `description` of credentials v2, so [credentials v2, OB 3.0.1] is not valid JSON-LD at all.
 */
export const FAST_CONTEXT_LISTS: readonly (readonly string[])[] = Object.freeze(
  [
    [credentialsV2],
    [credentialsV2, openBadgesV303],
    [credentialsV2, openBadgesV303, openBadgesExtensions],
    [credentialsV2, openBadgesV302],
    [credentialsV2, openBadgesV302, openBadgesExtensions],
    [credentialsV2, clrV201, openBadgesV303],
    [credentialsV2, clrV201, openBadgesV303, openBadgesExtensions],
  ].map((list) => Object.freeze(list)),
);

/**
 * The canonical fast-path list equal to `value` (a string or an array of strings), if all its
 * contexts are registered. The frozen arrays of {@link FAST_CONTEXT_LISTS} double as cache keys
 * for processContext, which caches by identity.
 */
export function fastContextList(value: unknown): readonly string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) return undefined;
  for (const candidate of FAST_CONTEXT_LISTS) {
    if (candidate.length === list.length && candidate.every((url, i) => url === list[i])) {
      return candidate.every((url) => getContextDocument(url) !== undefined) ? candidate : undefined;
    }
  }
  return undefined;
}

type Subject = NamedNode | BlankNode;
type Graph = BlankNode | DefaultGraph;
type ObjectTerm = NamedNode | BlankNode | Literal;

const iri = (value: string): NamedNode => ({ termType: 'NamedNode', value });

// jsonld lib/types.js isDouble: a number whose String() has a '.', or a huge one.
const isDouble = (v: unknown): boolean =>
  typeof v === 'number' && (String(v).includes('.') || Math.abs(v) >= 1e21);

/**
 * The RDF literal jsonld's toRDF (`_objectToRDF`) makes of an expanded value object with this
 * `@value`, `@type` and `@language`.
 */
function literal(value: string | number | boolean, datatype: string | undefined, language?: string): Literal {
  let text: string;
  let dt: string;
  if (typeof value === 'boolean') {
    text = String(value);
    dt = datatype || XSD_BOOLEAN;
  } else if (isDouble(value) || datatype === XSD_DOUBLE) {
    const n = typeof value === 'number' && isDouble(value) ? value : Number.parseFloat(String(value));
    // The canonical xsd:double form jsonld writes, e.g. 1.1 → "1.1E0", 5 → "5.0E0".
    text = n.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    dt = datatype || XSD_DOUBLE;
  } else if (typeof value === 'number') {
    text = value.toFixed(0);
    dt = datatype || XSD_INTEGER;
  } else if (language !== undefined) {
    text = value;
    dt = datatype || RDF_LANGSTRING;
    return { termType: 'Literal', value: text, datatype: iri(dt), language };
  } else {
    text = value;
    dt = datatype || XSD_STRING;
  }
  return { termType: 'Literal', value: text, datatype: iri(dt) };
}

// Duplicate detection follows jsonld's node map (`util.compareValues`): value objects are equal when
// @value (===), @type and @language are; node references when their @id is. Lists and @json values
// that are objects or arrays are never equal to anything.
function valueKey(value: unknown, datatype: string | undefined, language: string | undefined): string {
  const dt = datatype ?? '';
  return `v${typeof value}${dt.length}:${dt}${language ?? ''}|${String(value)}`;
}

/**
 * What jsonld's node map would already hold for one node of one graph: per property, the keys of the
 * values present (one key as a string, more as a Set), so that merged nodes and repeated values
 * produce no duplicate quads.
 */
type NodeValues = Map<string, string | Set<string>>;

class Walk {
  readonly quads: Quad[] = [];
  private blanks = 0;
  // Nodes with an @id can be met several times (jsonld merges them); "graph|iri" → their values.
  private readonly iriNodes = new Map<string, NodeValues>();

  blank(): BlankNode {
    return { termType: 'BlankNode', value: `b${this.blanks++}` };
  }

  /** The value record of a subject: shared for IRIs, fresh for a new blank node. */
  values(subject: Subject, graph: Graph): NodeValues {
    if (subject.termType === 'BlankNode') return new Map();
    const nodeKey = `${graph.value}|${subject.value}`;
    let values = this.iriNodes.get(nodeKey);
    if (values === undefined) {
      values = new Map();
      this.iriNodes.set(nodeKey, values);
    }
    return values;
  }

  /**
   * Adds a quad unless `values` already holds `key` for `property` (the node-map property: `@type`
   * for types, which jsonld keeps apart from an explicit rdf:type property). `key` null means the
   * value is never equal to another one (lists, graphs, blank nodes, JSON objects).
   */
  emit(
    values: NodeValues | null,
    subject: Subject,
    predicate: NamedNode,
    object: ObjectTerm,
    graph: Graph,
    key: string | null,
    property: string = predicate.value,
  ): void {
    if (key !== null && values !== null) {
      const present = values.get(property);
      if (present === undefined) {
        values.set(property, key);
      } else if (typeof present === 'string') {
        if (present === key) return;
        values.set(property, new Set([present, key]));
      } else {
        if (present.has(key)) return;
        present.add(key);
      }
    }
    this.quads.push({ subject, predicate, object, graph });
  }
}

const EMPTY: readonly string[] = [];

// Module-level helpers rather than closures: hot loops should not allocate functions.
const isString = (v: unknown): v is string => typeof v === 'string';
const isSpecialContainer = (c: string): boolean =>
  c === '@language' || c === '@index' || c === '@id' || c === '@type';

/** jsonld `_expandIri(ctx, key, {vocab: true})` for a map key, with the term lookup first. */
function expandKey(ctx: ActiveContext, key: string): string | null {
  if (key[0] !== '@') {
    const def = ctx.mappings.get(key);
    if (def !== undefined) return def['@id'] ?? null;
  }
  return expandIri(ctx, key, VOCAB);
}
const VOCAB = { vocab: true } as const;
const BASE = { base: true } as const;
const BASE_VOCAB = { base: true, vocab: true } as const;

// Predicate IRIs come from a few context documents; remember which ones passed jsonld's
// absolute-IRI test. Bounded like the other caches: cleared when full.
const ABSOLUTE = new Map<string, boolean>();
function isAbsoluteIriCached(value: string): boolean {
  let ok = ABSOLUTE.get(value);
  if (ok === undefined) {
    ok = isAbsoluteIri(value);
    if (ABSOLUTE.size >= 4096) ABSOLUTE.clear();
    ABSOLUTE.set(value, ok);
  }
  return ok;
}

function scopedContext(def: TermDefinition | undefined): { value: unknown } | undefined {
  return def !== undefined && Object.hasOwn(def, '@context') ? { value: def['@context'] } : undefined;
}

// IRI expansion of an @id or @id-coerced value (base: true, vocab as given) plus the checks jsonld
// safe mode makes on the result: relative IRIs and keyword-like values are errors there, and blank
// node identifiers written in the document are relabeled by jsonld, which this walk does not do.
function nodeIri(ctx: ActiveContext, value: string, vocab: boolean): NamedNode {
  const expanded = expandIri(ctx, value, vocab ? BASE_VOCAB : BASE);
  if (expanded === null || !isAbsoluteIri(expanded) || expanded.startsWith('_:')) {
    throw new Unsupported(`not an absolute IRI: ${value}`);
  }
  return iri(expanded);
}

/**
 * A compacted node object → its subject term, emitting its quads into `graph`. Mirrors jsonld
 * `api.expand` for objects (type-scoped context revert, property-scoped context, embedded
 * `@context`, type-scoped contexts in sorted type order) followed by `_expandObject`.
 */
function walkNode(
  w: Walk,
  element: Record<string, unknown>,
  ctxIn: ActiveContext,
  activeProperty: string | null,
  graph: Graph,
  parentContainerIsGraph: boolean,
  depth: number,
): Subject {
  if (depth > MAX_DEPTH) throw new Unsupported('too deeply nested');
  let activeCtx = ctxIn;
  const propertyScoped =
    activeProperty === null ? undefined : scopedContext(activeCtx.mappings.get(activeProperty));
  const keys = Object.keys(element);

  // A type-scoped context does not apply inside a new node object, except a bare {"@id": …} (spec
  // Expansion step 7); value objects never reach this function.
  let mustRevert = true;
  if (activeCtx.previousContext && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const expanded = expandKey(activeCtx, key);
      if (expanded === '@value') throw new Unsupported('value object alias');
      if (expanded === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert) activeCtx = activeCtx.revert();
  if (propertyScoped !== undefined) {
    activeCtx = processContext(activeCtx, propertyScoped.value, { propagate: true, overrideProtected: true });
  }
  if ('@context' in element) {
    const list = fastContextList(element['@context']);
    if (list === undefined) throw new Unsupported('@context is not a fast context list');
    activeCtx = processContext(activeCtx, list);
  }

  // Type-scoped contexts, applied in the order jsonld uses: keys expanding to @type sorted, and each
  // key's types sorted. jsonld re-expands later keys with the contexts applied so far; the key loop
  // below re-checks every key against the final context and declines if the set of @type keys moved.
  const typeScopedContext = activeCtx;
  let typeKeys: string[] | undefined;
  for (const key of keys) {
    if (expandKey(typeScopedContext, key) !== '@type') continue;
    if (typeKeys === undefined) typeKeys = [key];
    else typeKeys.push(key);
  }
  if (typeKeys !== undefined) {
    if (typeKeys.length > 1) typeKeys.sort();
    for (const key of typeKeys) {
      const value = element[key];
      const list = Array.isArray(value) ? value : [value];
      if (!list.every(isString)) throw new Unsupported('@type must be strings');
      for (const type of list.length > 1 ? [...list].sort() : list) {
        const scoped = scopedContext(typeScopedContext.mappings.get(type));
        if (scoped !== undefined) activeCtx = processContext(activeCtx, scoped.value, { propagate: false });
      }
    }
  }

  let id: string | undefined;
  const types: string[] = [];
  let typeKeysSeen = 0;
  const properties: Array<{ key: string; predicate: string; def: TermDefinition }> = [];
  for (const key of keys) {
    if (key === '@context') continue;
    const def = activeCtx.mappings.get(key);
    let expanded: string | null;
    if (isKeyword(key)) expanded = key;
    else if (def !== undefined) expanded = def['@id'] ?? null;
    // Not a term: an absolute IRI, compact IRI or @vocab-relative key. Valid JSON-LD in some cases,
    // but never written by OneX; the reference path decides.
    else throw new Unsupported(`not a term: ${key}`);
    if (expanded === null || !(isKeyword(expanded) || isAbsoluteIriCached(expanded))) {
      throw new Unsupported(`invalid property: ${key}`);
    }
    if (expanded === '@id') {
      const value = element[key];
      if (id !== undefined || typeof value !== 'string') throw new Unsupported('@id');
      id = nodeIri(activeCtx, value, false).value;
    } else if (expanded === '@type') {
      if (!typeKeys?.includes(key)) throw new Unsupported('@type key introduced by a type-scoped context');
      typeKeysSeen++;
      const value = element[key];
      for (const type of Array.isArray(value) ? value : [value]) {
        if (typeof type !== 'string') throw new Unsupported('@type must be strings');
        types.push(nodeIri(typeScopedContext, type, true).value);
      }
    } else if (isKeyword(expanded)) {
      throw new Unsupported(`keyword ${expanded}`);
    } else if (def === undefined || def.reverse || expanded.startsWith('_:')) {
      throw new Unsupported(`unsupported property ${key}`);
    } else {
      properties.push({ key, predicate: expanded, def });
    }
  }
  if (typeKeysSeen !== (typeKeys?.length ?? 0))
    throw new Unsupported('@type key removed by a type-scoped context');

  const subject: Subject = id === undefined ? w.blank() : iri(id);
  const values = w.values(subject, graph);
  for (const type of types) w.emit(values, subject, RDF_TYPE, iri(type), graph, type, '@type');

  let propertyCount = 0;
  for (const { key, predicate, def } of properties) {
    if (walkProperty(w, values, subject, iri(predicate), key, def, element[key], activeCtx, graph, depth)) {
      propertyCount++;
    }
  }

  // jsonld drops (and safe mode rejects) a top-level or graph-contained node with nothing but an @id.
  const containerHere =
    activeProperty === null ? EMPTY : (activeCtx.mappings.get(activeProperty)?.['@container'] ?? EMPTY);
  if (
    (activeProperty === null || parentContainerIsGraph || containerHere.includes('@graph')) &&
    types.length === 0 &&
    propertyCount === 0
  ) {
    throw new Unsupported('empty or @id-only node where jsonld drops it');
  }
  return subject;
}

/** Emits the values of one property; returns whether jsonld would add the property at all. */
function walkProperty(
  w: Walk,
  values: NodeValues,
  subject: Subject,
  predicate: NamedNode,
  key: string,
  def: TermDefinition,
  value: unknown,
  activeCtx: ActiveContext,
  graph: Graph,
  depth: number,
): boolean {
  // jsonld processes a term's scoped context before looking at the value (so a bad one throws even
  // for null or @json values), and reads container and @json from the enclosing context.
  const scoped = scopedContext(def);
  const termCtx =
    scoped === undefined
      ? activeCtx
      : processContext(activeCtx, scoped.value, { propagate: true, overrideProtected: true });
  const container = def['@container'] ?? EMPTY;
  if (container.some(isSpecialContainer)) {
    throw new Unsupported(`container ${container.join(' ')}`);
  }
  if (def['@type'] === '@json') {
    // A JSON literal takes the whole value, arrays included, canonicalized with JCS (RFC 8785).
    // jsonld would still wrap it in a list or graph for such containers; nobody defines those.
    if (container.some((c) => c !== '@set')) throw new Unsupported('@json with a container');
    if (value === undefined) throw new Unsupported('@json undefined');
    let text: string | undefined;
    try {
      text = canonicalizeJson(value);
    } catch {
      throw new Unsupported('@json value not canonicalizable');
    }
    if (text === undefined) throw new Unsupported('@json value not canonicalizable');
    const key = value === null || typeof value !== 'object' ? valueKey(value, '@json', undefined) : null;
    w.emit(
      values,
      subject,
      predicate,
      { termType: 'Literal', value: text, datatype: iri(RDF_JSON) },
      graph,
      key,
    );
    return true;
  }
  if (value === null || value === undefined) return false;

  const isList = container.includes('@list');
  const isGraph = container.includes('@graph');
  const listItems: ObjectTerm[] = [];

  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || item === undefined) continue;
    let object: ObjectTerm;
    let objectKey: string | null = null;
    if (Array.isArray(item)) {
      throw new Unsupported('nested array');
    } else if (isPlainObject(item)) {
      if ('@value' in item) {
        if (isGraph) throw new Unsupported('value object in @graph container');
        ({ object, key: objectKey } = valueObject(item));
      } else if (isGraph) {
        const named = w.blank();
        w.emit(null, subject, predicate, named, graph, null);
        walkNode(w, item, termCtx, key, named, true, depth + 1);
        continue;
      } else {
        object = walkNode(w, item, termCtx, key, graph, false, depth + 1);
        objectKey = object.termType === 'NamedNode' ? `i${object.value}` : null;
      }
    } else if (typeof item === 'string' || typeof item === 'boolean' || typeof item === 'number') {
      // A scalar in a @graph container expands to a value or a bare {"@id"}, both dropped.
      if (isGraph) throw new Unsupported('scalar in @graph container');
      ({ object, key: objectKey } = scalarValue(termCtx, key, item));
    } else {
      throw new Unsupported('not a JSON value');
    }
    if (isList) listItems.push(object);
    else w.emit(values, subject, predicate, object, graph, objectKey);
  }

  if (isList) {
    // An RDF collection of fresh blank nodes; lists are never merged or de-duplicated.
    let head: NamedNode | BlankNode = RDF_NIL;
    let previous: BlankNode | undefined;
    for (const object of listItems) {
      const node = w.blank();
      if (previous === undefined) head = node;
      else w.emit(null, previous, RDF_REST, node, graph, null);
      w.emit(null, node, RDF_FIRST, object, graph, null);
      previous = node;
    }
    if (previous !== undefined) w.emit(null, previous, RDF_REST, RDF_NIL, graph, null);
    w.emit(null, subject, predicate, head, graph, null);
  }
  return true;
}

/** An explicit value object; only `@value` with an optional `@language` is supported. */
function valueObject(item: Record<string, unknown>): { object: Literal; key: string } {
  let language: string | undefined;
  for (const k of Object.keys(item)) {
    if (k === '@value') continue;
    if (k === '@language') {
      const lang = item[k];
      if (lang === null) continue; // jsonld drops a null @language
      if (typeof lang !== 'string' || !REGEX_BCP47.test(lang)) throw new Unsupported('invalid @language');
      language = lang.toLowerCase();
      continue;
    }
    throw new Unsupported(`value object key ${k}`);
  }
  const value = item['@value'];
  if (language !== undefined && typeof value !== 'string') throw new Unsupported('non-string language value');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Unsupported('non-finite number');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Unsupported('@value must be a scalar'); // null @value is a safe-mode error
  }
  return { object: literal(value, undefined, language), key: valueKey(value, undefined, language) };
}

/** JSON-LD Value Expansion (jsonld `_expandValue`) of a scalar, then its RDF form. */
function scalarValue(
  termCtx: ActiveContext,
  key: string,
  value: string | number | boolean,
): { object: NamedNode | Literal; key: string } {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Unsupported('non-finite number');
  const def = termCtx.mappings.get(key);
  const expandedProperty = def === undefined ? null : (def['@id'] ?? null);
  if (isKeyword(expandedProperty)) throw new Unsupported(`scalar under keyword ${expandedProperty}`);
  const type = def?.['@type'];
  if (type === '@id' && typeof value === 'string') {
    const node = nodeIri(termCtx, value, false);
    return { object: node, key: `i${node.value}` };
  }
  if (type === '@vocab' && typeof value === 'string') {
    const node = nodeIri(termCtx, value, true);
    return { object: node, key: `i${node.value}` };
  }
  if (type === '@json') throw new Unsupported('@json through a scoped context');
  const datatype =
    type !== undefined && type !== '@id' && type !== '@vocab' && type !== '@none' ? type : undefined;
  let language: string | undefined;
  if (datatype === undefined && typeof value === 'string') {
    const lang =
      def !== undefined && Object.hasOwn(def, '@language') ? def['@language'] : (termCtx.language ?? null);
    const direction = def !== undefined && Object.hasOwn(def, '@direction') ? def['@direction'] : null;
    if (direction !== null && direction !== undefined) throw new Unsupported('@direction');
    if (lang !== null && lang !== undefined) language = lang;
  }
  return { object: literal(value, datatype, language), key: valueKey(value, datatype, language) };
}

function walkDocument(doc: unknown): Quad[] {
  if (!isPlainObject(doc)) throw new Unsupported('document is not a JSON object');
  if (!('@context' in doc)) throw new Unsupported('no @context');
  const w = new Walk();
  walkNode(w, doc, INITIAL_CONTEXT, null, DEFAULT_GRAPH, false, 0);
  return w.quads;
}

/**
 * The RDF dataset jsonld's `toRDF` (safe mode, base null, rdfDirection 'i18n-datatype') produces for
 * `doc`, up to blank node labels; or `undefined` when the fast path declines the document.
 */
export function toRdfFast(doc: unknown): Quad[] | undefined {
  try {
    return walkDocument(doc);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    // Anything else (a stack overflow on hostile nesting, a bug) also means "not handled here": the
    // reference path is authoritative and will report the real problem.
    return undefined;
  }
}

/**
 * Why the fast path declines `doc` (for tests and diagnostics), or `undefined` if it handles it.
 * Reports only the JSON-LD → RDF step, not a blank-node symmetry that needs N-degree hashing.
 */
export function fastPathDeclineReason(doc: unknown): string | undefined {
  try {
    walkDocument(doc);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export interface FastCanonizeOptions {
  /** SHA-256 for RDFC-1.0's first-degree hashes; defaults to @noble/hashes. */
  sha256?: Sha256;
}

/**
 * Synchronous canonical N-Quads (RDFC-1.0) of `doc`, byte-identical to jsonld (safe mode) +
 * rdf-canonize, or `undefined` when the fast path declines: an unsupported `@context` list or
 * construct, anything jsonld safe mode rejects, or blank nodes whose first-degree hashes collide
 * (they need RDFC-1.0's N-degree hashing; `canonize` in index.ts hands those to rdf-canonize).
 */
export function canonizeFast(doc: unknown, options: FastCanonizeOptions = {}): string | undefined {
  const quads = toRdfFast(doc);
  return quads === undefined ? undefined : canonicalizeUniqueFirstDegree(quads, options.sha256);
}
