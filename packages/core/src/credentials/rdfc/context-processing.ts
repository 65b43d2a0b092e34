/**
 * A synchronous port of JSON-LD 1.1 context processing, as jsonld 9 implements it
 * (lib/context.js: `process`, `createTermDefinition`, `expandIri`; lib/ContextResolver.js).
 *
 * Why a port instead of calling jsonld: jsonld's context processing is async and clones the whole
 * term table on every type-scoped context, which is most of its cost. Here active contexts are
 * immutable once built and every derived context (type-scoped, property-scoped, embedded) is cached
 * on its parent, so after warm-up a credential walk does Map lookups only.
 *
 * Fidelity rules: term definitions keep jsonld's exact shape (`@id`, `_prefix`, `_termHasColon`,
 * `protected`, …) so that the protected-term redefinition check compares the same things; every
 * condition jsonld turns into an error, or into a warning that safe mode turns into an error, throws
 * {@link Unsupported} here. Features the fast path does not implement (`@import`, `@base`, context
 * level `@direction`, the `@type` keyword term) also throw {@link Unsupported}. Callers treat any throw
 * as "decline", so a divergence can only cost speed, never produce different N-Quads.
 *
 * Spec: JSON-LD 1.1 Processing Algorithms, §4.1 Context Processing, §4.2 Create Term Definition,
 * §5.2 IRI Expansion — https://www.w3.org/TR/json-ld11-api/#context-processing-algorithm
 */
import { getContextDocument } from './contexts.ts';

/** Thrown when the fast path meets something it does not handle exactly like jsonld safe mode. */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

/** A term definition in jsonld's own shape (see jsonld lib/context.js `createTermDefinition`). */
export interface TermDefinition {
  '@id'?: string | null;
  reverse: boolean;
  _termHasColon: boolean;
  _prefix?: boolean;
  protected?: true;
  '@type'?: string;
  '@container'?: string[];
  '@index'?: string;
  '@context'?: unknown;
  '@language'?: string | null;
  '@direction'?: string | null;
  '@nest'?: string;
}

// jsonld lib/url.js isAbsolute (includes blank node identifiers, like jsonld).
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$/;
/** jsonld's (lib/util.js) BCP 47 check: a tag failing it is a safe-mode error. */
export const REGEX_BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
/** Strings shaped like keywords; jsonld ignores (safe mode: rejects) the ones that are not keywords. */
export const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
const MAX_CONTEXT_URLS = 10;

const KEYWORDS = new Set([
  '@base',
  '@container',
  '@context',
  '@default',
  '@direction',
  '@embed',
  '@explicit',
  '@graph',
  '@id',
  '@included',
  '@index',
  '@json',
  '@language',
  '@list',
  '@nest',
  '@none',
  '@omitDefault',
  '@prefix',
  '@preserve',
  '@protected',
  '@requireAll',
  '@reverse',
  '@set',
  '@type',
  '@value',
  '@version',
  '@vocab',
]);

/** Whether `value` is a JSON-LD 1.1 keyword (as jsonld 9 lists them, framing keywords included). */
export function isKeyword(value: unknown): boolean {
  return typeof value === 'string' && value[0] === '@' && KEYWORDS.has(value);
}

/** jsonld's absolute-IRI test: a scheme, a colon, no whitespace (blank node identifiers pass). */
export function isAbsoluteIri(value: unknown): boolean {
  return typeof value === 'string' && ABSOLUTE_IRI.test(value);
}

/** jsonld's `_isObject`: a plain JSON object (not an array, not a boxed primitive or a Date). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

const hasOwn = (o: object, key: string): boolean => Object.hasOwn(o, key);

interface DerivedCacheEntry {
  local: unknown;
  flags: number;
  result: ActiveContext;
}

/**
 * An active context. Built once by {@link processContext} and not changed afterwards; results of
 * processing further contexts on top of it are cached on it.
 */
export class ActiveContext {
  readonly mappings: Map<string, TermDefinition>;
  /** Terms marked protected (jsonld keeps them in `activeCtx.protected`). */
  readonly protectedTerms: Set<string>;
  vocab: string | undefined;
  language: string | undefined;
  /** Set on contexts produced by a non-propagated (type-scoped) context: what to revert to. */
  previousContext: ActiveContext | undefined;
  // Derived contexts keyed by the local context object's identity (context documents are frozen
  // registry objects, so identity is a sound key) and the propagate/overrideProtected flags.
  private readonly derived: DerivedCacheEntry[] = [];

  constructor(source?: ActiveContext) {
    this.mappings = new Map(source?.mappings);
    this.protectedTerms = new Set(source?.protectedTerms);
    this.vocab = source?.vocab;
    this.language = source?.language;
    this.previousContext = source?.previousContext;
  }

  /** jsonld `revertToPreviousContext`: the context a type-scoped context was applied to. */
  revert(): ActiveContext {
    return this.previousContext ?? this;
  }

  /** @internal cache lookup for {@link processContext}. */
  cached(local: unknown, flags: number): ActiveContext | undefined {
    for (const entry of this.derived) {
      if (entry.local === local && entry.flags === flags) return entry.result;
    }
    return undefined;
  }

  /** @internal */
  remember(local: unknown, flags: number, result: ActiveContext): void {
    // Local contexts are registry documents or scoped contexts inside them, so legitimate traffic
    // derives a few dozen contexts. Documents can still combine scoped types freely (each subset of
    // types is another context), so the total is capped: past it, results are computed, not kept.
    if (this.derived.length < 64 && derivedContexts < MAX_DERIVED_CONTEXTS) {
      derivedContexts++;
      this.derived.push({ local, flags, result });
    }
  }
}

// About 8 KB each (a copy of the term table); 2,048 of them bound the cache to a few tens of MB.
const MAX_DERIVED_CONTEXTS = 2048;
let derivedContexts = 0;

/** The initial active context (JSON-LD 1.1 processing mode, no base IRI). */
export const INITIAL_CONTEXT = new ActiveContext();

/** Flags of JSON-LD 1.1 §4.1 Context Processing. */
export interface ProcessOptions {
  /** `false` for type-scoped contexts: the result remembers what to revert to. */
  propagate?: boolean;
  /** `true` for property-scoped contexts, which may redefine protected terms. */
  overrideProtected?: boolean;
}

/**
 * Processes `localCtx` on top of `active` (jsonld `api.process`) and returns the new active
 * context. Results are cached on `active` by the identity of `localCtx`, so pass stable objects
 * (registry documents, scoped contexts taken from term definitions, the canonical arrays of the fast
 * context lists). Throws {@link Unsupported} wherever jsonld would throw or safe mode would reject.
 */
export function processContext(
  active: ActiveContext,
  localCtx: unknown,
  { propagate = true, overrideProtected = false }: ProcessOptions = {},
): ActiveContext {
  const flags = (propagate ? 1 : 0) | (overrideProtected ? 2 : 0);
  const hit = active.cached(localCtx, flags);
  if (hit) return hit;
  const result = processUncached(active, localCtx, propagate, overrideProtected, new Set());
  active.remember(localCtx, flags, result);
  return result;
}

/** One entry of a resolved context list: a context object, or `null` (reset). */
type ResolvedContext = Record<string, unknown> | null;

// jsonld ContextResolver.resolve: strings are dereferenced through the offline registry (remote
// documents contribute their `@context`, recursively), objects are used as they are.
function resolveContexts(context: unknown, cycles: Set<string>): ResolvedContext[] {
  let ctx = context;
  if (ctx && isPlainObject(ctx) && ctx['@context']) ctx = ctx['@context'];
  const list = Array.isArray(ctx) ? ctx : [ctx];
  const out: ResolvedContext[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      if (cycles.size > MAX_CONTEXT_URLS) throw new Unsupported('context overflow');
      if (cycles.has(item)) throw new Unsupported('cyclical context URLs');
      if (!isAbsoluteIri(item)) throw new Unsupported(`relative context URL ${item}`);
      const document = getContextDocument(item);
      if (!isPlainObject(document)) throw new Unsupported(`context not available: ${item}`);
      assertNoRelativeContextUrls(document['@context']);
      const nested = new Set(cycles).add(item);
      out.push(...resolveContexts({ '@context': document['@context'] ?? {} }, nested));
      continue;
    }
    if (item === null) {
      out.push(null);
      continue;
    }
    if (!isPlainObject(item)) throw new Unsupported('invalid local context');
    out.push(item);
  }
  return out;
}

// jsonld resolves relative context URLs inside a remote context against the context's own URL
// (`_resolveContextUrls`); with a null document base that is the only base-dependent step. The
// registry's contexts have none, so decline rather than port URL resolution.
function assertNoRelativeContextUrls(ctx: unknown): void {
  if (typeof ctx === 'string') {
    if (!isAbsoluteIri(ctx)) throw new Unsupported('relative scoped context URL');
    return;
  }
  if (Array.isArray(ctx)) {
    for (const element of ctx) assertNoRelativeContextUrls(element);
    return;
  }
  if (!isPlainObject(ctx)) return;
  for (const value of Object.values(ctx)) {
    if (isPlainObject(value) && '@context' in value) assertNoRelativeContextUrls(value['@context']);
  }
}

function processUncached(
  activeIn: ActiveContext,
  localIn: unknown,
  propagateIn: boolean,
  overrideProtected: boolean,
  cycles: Set<string>,
): ActiveContext {
  let localCtx = localIn;
  if (isPlainObject(localCtx) && '@context' in localCtx && Array.isArray(localCtx['@context'])) {
    localCtx = localCtx['@context'];
  }
  const ctxs = Array.isArray(localCtx) ? localCtx : [localCtx];
  if (ctxs.length === 0) return activeIn;

  // The resolver tracks URL cycles per resolution (jsonld ContextResolver), separately from the
  // scoped-context cycle set that `cycles` carries.
  const resolved = resolveContexts(localCtx, new Set());
  let propagate = propagateIn;
  const first = resolved[0];
  if (first && typeof first['@propagate'] === 'boolean') propagate = first['@propagate'];

  let rval = activeIn;
  if (!propagate && !rval.previousContext) {
    rval = new ActiveContext(rval);
    rval.previousContext = activeIn;
  }

  for (const resolvedCtx of resolved) {
    const activeCtx = rval;
    if (resolvedCtx === null) {
      if (!overrideProtected && activeCtx.protectedTerms.size !== 0) {
        throw new Unsupported('invalid context nullification');
      }
      rval = new ActiveContext(INITIAL_CONTEXT);
      continue;
    }
    let ctx: unknown = resolvedCtx;
    if ('@context' in resolvedCtx) ctx = resolvedCtx['@context'];
    if (!isPlainObject(ctx)) throw new Unsupported('invalid local context');

    rval = new ActiveContext(rval);
    // Values are booleans except '@protected', which jsonld stores as given (any truthy value).
    const defined = new Map<string, unknown>();

    if ('@version' in ctx) {
      if (ctx['@version'] !== 1.1) throw new Unsupported('invalid @version value');
      defined.set('@version', true);
    }
    if ('@base' in ctx) throw new Unsupported('@base in context');
    if ('@vocab' in ctx) {
      const value = ctx['@vocab'];
      if (value === null) {
        rval.vocab = undefined;
      } else if (typeof value !== 'string') {
        throw new Unsupported('invalid vocab mapping');
      } else {
        const vocab = expandIri(rval, value, { vocab: true, base: true });
        // 'relative @vocab reference' is a safe-mode error.
        if (vocab === null || !isAbsoluteIri(vocab)) throw new Unsupported('relative @vocab reference');
        rval.vocab = vocab;
      }
      defined.set('@vocab', true);
    }
    if ('@language' in ctx) {
      const value = ctx['@language'];
      if (value === null) {
        rval.language = undefined;
      } else if (typeof value !== 'string') {
        throw new Unsupported('invalid default language');
      } else {
        if (!REGEX_BCP47.test(value)) throw new Unsupported('invalid @language value');
        rval.language = value.toLowerCase();
      }
      defined.set('@language', true);
    }
    // jsonld stores a context-level @direction but does not carry it through clones; not worth
    // porting that behaviour for contexts nobody issues with.
    if ('@direction' in ctx) throw new Unsupported('@direction in context');
    if ('@propagate' in ctx) {
      if (typeof ctx['@propagate'] !== 'boolean') throw new Unsupported('invalid @propagate value');
      defined.set('@propagate', true);
    }
    if ('@import' in ctx) throw new Unsupported('@import in context');

    defined.set('@protected', ctx['@protected'] || false);

    for (const key in ctx) {
      createTermDefinition(rval, ctx, key, defined, overrideProtected);
      const termValue = ctx[key];
      if (isPlainObject(termValue) && '@context' in termValue) {
        // jsonld validates every scoped context when the enclosing context is processed.
        const keyCtx = termValue['@context'];
        let doProcess = true;
        if (typeof keyCtx === 'string') {
          if (cycles.has(keyCtx)) doProcess = false;
          else cycles.add(keyCtx);
        }
        if (doProcess) processUncached(new ActiveContext(rval), keyCtx, true, true, cycles);
      }
    }
  }
  return rval;
}

function deepCompare(x1: unknown, x2: unknown): boolean {
  if (!(x1 && typeof x1 === 'object') || !(x2 && typeof x2 === 'object')) return x1 === x2;
  const x1Array = Array.isArray(x1);
  if (x1Array !== Array.isArray(x2)) return false;
  if (x1Array) {
    const a2 = x2 as unknown[];
    if (x1.length !== a2.length) return false;
    return x1.every((v, i) => deepCompare(v, a2[i]));
  }
  const o1 = x1 as Record<string, unknown>;
  const o2 = x2 as Record<string, unknown>;
  if (Object.keys(o1).length !== Object.keys(o2).length) return false;
  for (const k of Object.keys(o1)) {
    let v1 = o1[k];
    let v2 = o2[k];
    if (k === '@container' && Array.isArray(v1) && Array.isArray(v2)) {
      v1 = [...v1].sort();
      v2 = [...v2].sort();
    }
    if (!deepCompare(v1, v2)) return false;
  }
  return true;
}

// JSON-LD 1.1 §4.2 Create Term Definition, following jsonld `createTermDefinition` line by line.
function createTermDefinition(
  activeCtx: ActiveContext,
  localCtx: Record<string, unknown>,
  term: string,
  defined: Map<string, unknown>,
  overrideProtected = false,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return;
    throw new Unsupported('cyclic IRI mapping');
  }
  defined.set(term, false);

  let value: unknown = hasOwn(localCtx, term) ? localCtx[term] : undefined;

  if (term === '@type') throw new Unsupported('@type term definition');
  if (isKeyword(term)) throw new Unsupported('keyword redefinition');
  // 'reserved term' is a safe-mode error.
  if (REGEX_KEYWORD.test(term)) throw new Unsupported('reserved term');
  if (term === '') throw new Unsupported('invalid term definition');

  const previousMapping = activeCtx.mappings.get(term);
  activeCtx.mappings.delete(term);

  let simpleTerm = false;
  if (typeof value === 'string' || value === null) {
    simpleTerm = true;
    value = { '@id': value };
  }
  if (!isPlainObject(value)) throw new Unsupported('invalid term definition');
  const def = value;

  const colon = term.indexOf(':');
  const mapping: TermDefinition = { reverse: false, _termHasColon: colon > 0 };
  activeCtx.mappings.set(term, mapping);

  const validKeys = new Set([
    '@container',
    '@id',
    '@language',
    '@reverse',
    '@type',
    '@context',
    '@direction',
    '@index',
    '@nest',
    '@prefix',
    '@protected',
  ]);
  for (const kw in def) if (!validKeys.has(kw)) throw new Unsupported('invalid term definition');

  if ('@reverse' in def) {
    if ('@id' in def || '@nest' in def) throw new Unsupported('invalid reverse property');
    const reverse = def['@reverse'];
    if (typeof reverse !== 'string') throw new Unsupported('invalid IRI mapping');
    if (REGEX_KEYWORD.test(reverse)) throw new Unsupported('reserved @reverse value');
    const id = expandIri(activeCtx, reverse, { vocab: true, base: false }, localCtx, defined);
    if (!isAbsoluteIri(id)) throw new Unsupported('invalid IRI mapping');
    mapping['@id'] = id;
    mapping.reverse = true;
  } else if ('@id' in def) {
    const rawId = def['@id'];
    if (rawId !== null && typeof rawId !== 'string') throw new Unsupported('invalid IRI mapping');
    if (rawId === null) {
      mapping['@id'] = null;
    } else if (!isKeyword(rawId) && REGEX_KEYWORD.test(rawId)) {
      // 'reserved @id value' is a safe-mode error.
      throw new Unsupported('reserved @id value');
    } else if (rawId !== term) {
      const id = expandIri(activeCtx, rawId, { vocab: true, base: false }, localCtx, defined);
      if (id === null || (!isAbsoluteIri(id) && !isKeyword(id))) throw new Unsupported('invalid IRI mapping');
      if (/(?::[^:])|\//.test(term)) {
        const termDefined = new Map(defined).set(term, true);
        const termIri = expandIri(activeCtx, term, { vocab: true, base: false }, localCtx, termDefined);
        if (termIri !== id) throw new Unsupported('invalid IRI mapping');
      }
      mapping['@id'] = id;
      mapping._prefix = simpleTerm && !mapping._termHasColon && /[:/?#[\]@]$/.test(id);
    }
  }

  if (!('@id' in mapping)) {
    if (mapping._termHasColon) {
      const prefix = term.substring(0, colon);
      if (hasOwn(localCtx, prefix)) {
        createTermDefinition(activeCtx, localCtx, prefix, defined);
      }
      const prefixMapping = activeCtx.mappings.get(prefix);
      if (prefixMapping) {
        mapping['@id'] = `${prefixMapping['@id']}${term.substring(colon + 1)}`;
      } else {
        mapping['@id'] = term;
      }
    } else {
      if (activeCtx.vocab === undefined) throw new Unsupported('invalid IRI mapping (no @id, no @vocab)');
      mapping['@id'] = activeCtx.vocab + term;
    }
  }

  if (def['@protected'] === true || (defined.get('@protected') === true && def['@protected'] !== false)) {
    activeCtx.protectedTerms.add(term);
    mapping.protected = true;
  }

  defined.set(term, true);

  if ('@type' in def) {
    let type = def['@type'];
    if (typeof type !== 'string') throw new Unsupported('invalid type mapping');
    if (type !== '@json' && type !== '@none' && type !== '@id' && type !== '@vocab') {
      const expanded = expandIri(activeCtx, type, { vocab: true, base: false }, localCtx, defined);
      if (expanded === null || !isAbsoluteIri(expanded) || expanded.startsWith('_:')) {
        throw new Unsupported('invalid type mapping');
      }
      type = expanded;
    }
    mapping['@type'] = type as string;
  }

  if ('@container' in def) {
    const raw = def['@container'];
    // jsonld: a string becomes a one-element array, a falsy value an empty one.
    const normalized: unknown = typeof raw === 'string' ? [raw] : raw || [];
    if (!Array.isArray(normalized) || !normalized.every((c) => typeof c === 'string')) {
      throw new Unsupported('invalid container mapping');
    }
    const container = normalized as string[];
    const validContainers = ['@list', '@set', '@index', '@language', '@graph', '@id', '@type'];
    let isValid = true;
    const hasSet = container.includes('@set');
    if (container.includes('@list')) {
      if (container.length !== 1) throw new Unsupported('invalid container mapping');
    } else if (container.includes('@graph')) {
      if (container.some((k) => k !== '@graph' && k !== '@id' && k !== '@index' && k !== '@set')) {
        throw new Unsupported('invalid container mapping');
      }
    } else {
      isValid &&= container.length <= (hasSet ? 2 : 1);
    }
    if (container.includes('@type')) {
      mapping['@type'] = mapping['@type'] || '@id';
      if (mapping['@type'] !== '@id' && mapping['@type'] !== '@vocab') {
        throw new Unsupported('invalid type mapping');
      }
    }
    isValid &&= container.every((c) => validContainers.includes(c));
    isValid &&= !(hasSet && container.includes('@list'));
    if (!isValid) throw new Unsupported('invalid container mapping');
    if (mapping.reverse && !container.every((c) => c === '@index' || c === '@set')) {
      throw new Unsupported('invalid reverse property');
    }
    mapping['@container'] = container;
  }

  if ('@index' in def) {
    const index = def['@index'];
    if (!('@container' in def) || !mapping['@container']?.includes('@index')) {
      throw new Unsupported('invalid term definition');
    }
    if (typeof index !== 'string' || index.startsWith('@')) throw new Unsupported('invalid term definition');
    mapping['@index'] = index;
  }

  if ('@context' in def) mapping['@context'] = def['@context'];

  if ('@language' in def && !('@type' in def)) {
    const language = def['@language'];
    if (language !== null && typeof language !== 'string') throw new Unsupported('invalid language mapping');
    mapping['@language'] = language === null ? null : language.toLowerCase();
  }

  if ('@prefix' in def) {
    if (/:|\//.test(term)) throw new Unsupported('invalid term definition');
    if (isKeyword(mapping['@id'])) throw new Unsupported('invalid term definition');
    if (typeof def['@prefix'] !== 'boolean') throw new Unsupported('invalid @prefix value');
    mapping._prefix = def['@prefix'];
  }

  if ('@direction' in def) {
    const direction = def['@direction'];
    if (direction !== null && direction !== 'ltr' && direction !== 'rtl') {
      throw new Unsupported('invalid base direction');
    }
    mapping['@direction'] = direction;
  }

  if ('@nest' in def) {
    const nest = def['@nest'];
    if (typeof nest !== 'string' || (nest !== '@nest' && nest.startsWith('@'))) {
      throw new Unsupported('invalid @nest value');
    }
    mapping['@nest'] = nest;
  }

  const id = mapping['@id'];
  if (id === '@context' || id === '@preserve') throw new Unsupported('invalid keyword alias');

  if (previousMapping?.protected && !overrideProtected) {
    activeCtx.protectedTerms.add(term);
    mapping.protected = true;
    if (!deepCompare(previousMapping, mapping)) throw new Unsupported('protected term redefinition');
  }
}

/** IRI Expansion flags: resolve against the vocabulary mapping and/or the (null) base IRI. */
export interface RelativeTo {
  vocab?: boolean;
  base?: boolean;
}

/**
 * JSON-LD 1.1 §5.2 IRI Expansion (jsonld `_expandIri`) with a null document base: a relative IRI
 * stays relative, which callers must then reject (jsonld safe mode does). Returns `null` for values
 * that look like keywords but are not, and for terms mapped to `null`.
 */
export function expandIri(
  activeCtx: ActiveContext,
  value: string,
  relativeTo: RelativeTo,
  localCtx?: Record<string, unknown>,
  defined?: Map<string, unknown>,
): string | null {
  if (isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;

  if (localCtx && defined && hasOwn(localCtx, value) && defined.get(value) !== true) {
    createTermDefinition(activeCtx, localCtx, value, defined);
  }

  if (relativeTo.vocab) {
    const mapping = activeCtx.mappings.get(value);
    if (mapping && '@id' in mapping) return mapping['@id'] ?? null;
  }

  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.substring(0, colon);
    const suffix = value.substring(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    if (localCtx && defined && hasOwn(localCtx, prefix)) {
      createTermDefinition(activeCtx, localCtx, prefix, defined);
    }
    const mapping = activeCtx.mappings.get(prefix);
    if (mapping?._prefix) return `${mapping['@id']}${suffix}`;
    if (isAbsoluteIri(value)) return value;
  }

  if (relativeTo.vocab && activeCtx.vocab !== undefined) return activeCtx.vocab + value;
  // relativeTo.base with a null base leaves the value as it is (jsonld `prependBase(null, v)`).
  return value;
}
