/**
 * The OneX verifier: strict, offline-capable, never throwing. It verifies Open Badges 3.0
 * AchievementCredentials (and any VC 2.0 / legacy VC 1.1 credential) secured with a Data Integrity
 * EdDSA proof or as an EdDSA VC-JWT, and presentations of them.
 *
 * Checks, in order (each passed, failed or skipped, with a bilingual message and a code on failure):
 * `shape`, `proof`, `issuerKey`, `issuerAccredited`, `catalog`, `validity`, `status`, `logged`.
 * `verified` = the proof passed and no check failed.
 *
 * Everything fetched goes through `VerifierSources`, wrapped in a TTL cache; what is derived from a
 * fetched document (key index of a DID document, verified and decoded status list, verified trust list)
 * is cached by the document's identity, so repeated verifications do no repeated work.
 */
import {
  base64urlDecode,
  type CryptoProvider,
  decodePublicKeyMultibase,
  parseVerificationMethodId,
} from '../crypto/index.ts';
import type { Clock, Text } from '../shared/index.ts';
import {
  checkStatusWithList,
  isStatusPurpose,
  type ParsedStatusListCredential,
  parseStatusEntry,
  parseStatusListCredential,
  parseStatusListIndex,
  type StatusProblem,
} from '../status-list/index.ts';
import {
  type Check,
  type CheckName,
  type CheckStatus,
  checkNames,
  type JsonObject,
  type TrustList,
  type TrustListCertificate,
  type TrustListInstitution,
  type TrustListIssuer,
  type VerificationResult,
} from './credential.model.ts';
import type { VerifierSources } from './credential.ports.ts';
import type { VerificationCode } from './credentials.errors.ts';
import { isCompactJws, type VcJwtResult, verifyVcJwt } from './jwt.ts';
import {
  type DataIntegrityResult,
  type ProofPurpose,
  verifyDataIntegrity,
  verifyDataIntegrityEager,
} from './proof.ts';
import {
  asArray,
  checkCredentialShape,
  checkPresentationShape,
  checkVc20Rules,
  hasType,
  isAbsoluteUri,
  isAchievementCredential,
  isObject,
  issuerIdOf,
  parseDateTime,
  show,
  VC1_CONTEXT,
} from './shape.ts';
import { cachedSources, isCachedSources, withDidKey } from './sources.ts';
import { parseTrustList, TRUST_LIST_CREDENTIAL_TYPE } from './trust-list.ts';

/** A pluggable check, e.g. the transparency log (`logged`), supplied by the ledger module. */
export interface ExtraCheck {
  name: 'logged';
  /** Must resolve to a Check named `logged`; a rejection becomes a failed check (CHECK_FAILED_TO_RUN). */
  run(credential: JsonObject): Promise<Check>;
}

/** Options of {@link createVerifier}. */
export interface VerifierOptions {
  crypto: CryptoProvider;
  sources: VerifierSources;
  clock: Clock;
  /** The regulator's DID: the trust list must be issued and signed by it. Without it no trust list is used. */
  regulatorDid?: string;
  /** Fail (rather than skip) `issuerAccredited` and `catalog` when no trust list is available. */
  requireTrustList?: boolean;
  extraChecks?: ExtraCheck[];
  /**
   * How long DID documents (and the keys read from them), the trust list, and the verification of a
   * given status list credential's content are cached (ms). Default 60 s. A key removed from a DID
   * document stops verifying after at most this long.
   */
  cacheTtlMs?: number;
  /**
   * How long a fetched status list is reused before the sources are asked again (ms; capped by the
   * list's own `ttl`). Default 0: every verification asks the sources, so a revocation shows at once;
   * a list whose content did not change is still not re-verified or re-decoded.
   */
  statusListCacheTtlMs?: number;
  /**
   * How far a trust list's or status list's `validFrom` may lie ahead of this verifier's clock (ms;
   * default 60 s). Both lists are re-signed while the platform runs, so a list can be newer than the
   * moment a verification started, and another machine's clock is never exactly this one's.
   */
  clockSkewMs?: number;
}

/** Options of `verifyCredential`. */
export interface VerifyCredentialOptions {
  /** Run only these checks; the others are skipped ("not requested"). Default: all. */
  checks?: CheckName[];
}

/** Options of `verifyPresentation`. */
export interface VerifyPresentationOptions {
  /** The challenge the verifier gave the holder; the holder's proof must carry it. */
  challenge?: string;
  /** The domain the holder's proof must be bound to. */
  domain?: string;
  /** Checks to run on each embedded credential (default all). */
  checks?: CheckName[];
}

/** The outcome of verifying a presentation; never an exception. */
export interface PresentationVerificationResult {
  /** Shape, holder proof and holder key passed and every credential verified. */
  verified: boolean;
  /** `shape`, `proof` (holder proof: authentication, challenge, domain), `issuerKey` (the holder's key). */
  checks: Check[];
  credentials: VerificationResult[];
  presentation?: JsonObject;
}

export interface Verifier {
  /** Verify a credential: a JSON object, a JSON text, or a compact JWS (VC-JWT). Never throws. */
  verifyCredential(input: unknown, options?: VerifyCredentialOptions): Promise<VerificationResult>;
  /** Verify a presentation and every credential in it. Never throws. */
  verifyPresentation(
    input: unknown,
    options?: VerifyPresentationOptions,
  ): Promise<PresentationVerificationResult>;
}

/** A cached value (or the promise of it while loading) and when it goes stale. */
interface Memo<T> {
  value: T | Promise<T>;
  expires: number;
}
const MAX_CACHE_ENTRIES = 10_000;
const DEFAULT_TTL_MS = 60_000;
const TRUST_KEY = 'trust-list';

/** Inputs deeper or larger than this are refused before any processing (a credential is far smaller). */
const MAX_DEPTH = 64;
const MAX_VALUES = 250_000;
const MAX_JSON_TEXT = 8 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Check construction helpers
// ---------------------------------------------------------------------------------------------

function check(
  name: CheckName,
  status: CheckStatus,
  message: Text,
  code?: VerificationCode,
  details?: Record<string, unknown>,
): Check {
  const c: Check = { name, status, message };
  if (code !== undefined) c.code = code;
  if (details !== undefined) c.details = details;
  return c;
}
const passed = (name: CheckName, zh: string, en: string, details?: Record<string, unknown>) =>
  check(name, 'passed', { zh, en }, undefined, details);
const failed = (
  name: CheckName,
  code: VerificationCode,
  zh: string,
  en: string,
  details?: Record<string, unknown>,
) => check(name, 'failed', { zh, en }, code, details);
const skipped = (name: CheckName, zh: string, en: string, details?: Record<string, unknown>) =>
  check(name, 'skipped', { zh, en }, undefined, details);

function internalError(name: CheckName, e: unknown): Check {
  const message = show(e, 300);
  return failed(name, 'INTERNAL_ERROR', `验证器内部错误：${message}`, `Internal verifier error: ${message}`);
}

type Inspection = 'ok' | 'too-complex' | 'not-json';

/**
 * One walk over an input: plain JSON only (no class instances, functions, non-finite numbers,
 * undefined in arrays) and bounded (depth ≤ 64, ≤ 250,000 values), so that nothing later can be
 * driven into a stack overflow or quadratic work. Recursion is bounded by the depth limit itself.
 */
function inspectJson(value: unknown): Inspection {
  const budget = { values: MAX_VALUES };
  return inspectValue(value, 0, budget);
}

function inspectValue(v: unknown, depth: number, budget: { values: number }): Inspection {
  if (--budget.values < 0) return 'too-complex';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return 'ok';
    case 'number':
      return Number.isFinite(v) ? 'ok' : 'not-json';
    case 'object': {
      if (v === null) return 'ok';
      if (depth >= MAX_DEPTH) return 'too-complex';
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          if (v[i] === undefined) return 'not-json';
          const r = inspectValue(v[i], depth + 1, budget);
          if (r !== 'ok') return r;
        }
        return 'ok';
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return 'not-json';
      for (const k in v) {
        const child = (v as Record<string, unknown>)[k];
        if (child === undefined) continue;
        const r = inspectValue(child, depth + 1, budget);
        if (r !== 'ok') return r;
      }
      return 'ok';
    }
    default:
      return 'not-json';
  }
}

type Parsed =
  | { kind: 'object'; value: JsonObject }
  | { kind: 'jws'; value: string }
  | { kind: 'error'; code: VerificationCode; message: Text };

function parseInput(input: unknown): Parsed {
  let value = input;
  if (typeof value === 'string') {
    const text = value.trim();
    if (isCompactJws(text)) return { kind: 'jws', value: text };
    if (text.length > MAX_JSON_TEXT) {
      return {
        kind: 'error',
        code: 'INPUT_TOO_COMPLEX',
        message: { zh: '输入过大', en: 'The input is too large' },
      };
    }
    if (!text.startsWith('{')) {
      return {
        kind: 'error',
        code: 'INPUT_MALFORMED',
        message: {
          zh: '输入既不是 JSON 对象也不是紧凑 JWS',
          en: 'The input is neither a JSON object nor a compact JWS',
        },
      };
    }
    try {
      value = JSON.parse(text);
    } catch {
      return {
        kind: 'error',
        code: 'INPUT_MALFORMED',
        message: { zh: '输入不是有效的 JSON', en: 'The input is not valid JSON' },
      };
    }
  }
  if (!isObject(value)) {
    return {
      kind: 'error',
      code: 'INPUT_MALFORMED',
      message: { zh: '输入不是 JSON 对象', en: 'The input is not a JSON object' },
    };
  }
  return checkedObject(value);
}

function checkedObject(value: JsonObject): Parsed {
  const inspection = inspectJson(value);
  if (inspection === 'too-complex') {
    return {
      kind: 'error',
      code: 'INPUT_TOO_COMPLEX',
      message: { zh: '输入嵌套过深或过大', en: 'The input nests too deeply or is too large' },
    };
  }
  if (inspection === 'not-json') {
    return {
      kind: 'error',
      code: 'INPUT_MALFORMED',
      message: { zh: '输入包含非 JSON 值', en: 'The input holds values that are not JSON' },
    };
  }
  return { kind: 'object', value };
}

// ---------------------------------------------------------------------------------------------
// DID / controller documents
// ---------------------------------------------------------------------------------------------

interface MethodEntry {
  id: string;
  controller: string | undefined;
  publicKey: Uint8Array | undefined;
}

interface DocIndex {
  id: string | undefined;
  methods: Map<string, MethodEntry>;
  assertionMethod: Set<string>;
  authentication: Set<string>;
}

type KeyInfo =
  | {
      ok: true;
      publicKey: Uint8Array;
      /** The VM's controller (or the document id). */
      controller: string;
      assertionMethod: boolean;
      authentication: boolean;
      /** The controller document, for looking keys up by value (VC-JWT jwk). */
      index: DocIndex | undefined;
    }
  | { ok: false; code: VerificationCode; message: Text };

function absolutize(id: string, base: string | undefined): string {
  return id.startsWith('#') && base !== undefined ? `${base}${id}` : id;
}

function keyOfMethod(method: JsonObject): Uint8Array | undefined {
  const multibase = method['publicKeyMultibase'];
  if (typeof multibase === 'string') {
    try {
      return decodePublicKeyMultibase(multibase);
    } catch {
      return undefined;
    }
  }
  const jwk = method['publicKeyJwk'];
  if (
    isObject(jwk) &&
    jwk['kty'] === 'OKP' &&
    jwk['crv'] === 'Ed25519' &&
    typeof jwk['x'] === 'string' &&
    jwk['d'] === undefined
  ) {
    try {
      const x = base64urlDecode(jwk['x']);
      return x.length === 32 ? x : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function indexDocument(doc: JsonObject): DocIndex {
  const id = typeof doc['id'] === 'string' ? doc['id'] : undefined;
  const index: DocIndex = { id, methods: new Map(), assertionMethod: new Set(), authentication: new Set() };
  const addMethod = (m: unknown) => {
    if (!isObject(m) || typeof m['id'] !== 'string') return;
    const full = absolutize(m['id'], id);
    if (index.methods.has(full)) return;
    index.methods.set(full, {
      id: full,
      controller: typeof m['controller'] === 'string' ? m['controller'] : id,
      publicKey: keyOfMethod(m),
    });
  };
  for (const m of asArray(doc['verificationMethod'])) addMethod(m);
  for (const rel of ['assertionMethod', 'authentication'] as const) {
    for (const ref of asArray(doc[rel])) {
      if (typeof ref === 'string') index[rel].add(absolutize(ref, id));
      else if (isObject(ref) && typeof ref['id'] === 'string') {
        addMethod(ref);
        index[rel].add(absolutize(ref['id'], id));
      }
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// The verifier
// ---------------------------------------------------------------------------------------------

interface AccreditationPeriod {
  issuer: TrustListIssuer;
  from: number | undefined;
  until: number | undefined;
}

interface TrustIndex {
  list: TrustList;
  issuersByDid: Map<string, AccreditationPeriod[]>;
  institutionsByDid: Map<string, TrustListInstitution>;
  byAchievement: Map<string, { certificate: TrustListCertificate; level: 1 | 2 | 3 }>;
  validFrom: number | undefined;
  validUntil: number | undefined;
}

type TrustState =
  | { kind: 'none'; message: Text }
  | { kind: 'invalid'; message: Text; details?: Record<string, unknown> }
  | { kind: 'ok'; index: TrustIndex };

type ListState =
  | { ok: false; code: VerificationCode; message: Text }
  | {
      ok: true;
      issuerId: string | undefined;
      list: ParsedStatusListCredential;
      validFrom: number | undefined;
      validUntil: number | undefined;
    };

const NOT_REQUESTED = { zh: '未请求此项检查', en: 'Not requested' };
const ISSUER_WORD = { zh: '签发者', en: 'issuer' };

/**
 * Create a verifier. Requires `crypto` (node:crypto in Node, @noble in a browser), `sources` (DID
 * documents, status lists, trust list; wrapped here in a TTL cache unless already cached; did:key is
 * resolved locally) and `clock`. With `regulatorDid`, the trust list must be signed by that DID.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const { crypto, clock } = options;
  const skewMs = options.clockSkewMs ?? 60_000;
  const sources = isCachedSources(options.sources)
    ? withDidKey(options.sources)
    : cachedSources(withDidKey(options.sources), {
        ttlMs: options.cacheTtlMs ?? DEFAULT_TTL_MS,
        statusListTtlMs: options.statusListCacheTtlMs ?? 0,
        clock,
      });
  const docIndexes = new WeakMap<JsonObject, DocIndex>();
  // Verified status list credentials, by object (what a cached source returns again) and by content
  // (what an uncached source returns anew): a list is verified and decoded once per content.
  const listStates = new WeakMap<JsonObject, Memo<ListState>>();
  const listContent = new Map<string, Memo<ListState>>();
  const trustStates = new WeakMap<JsonObject, Promise<TrustState>>();
  const extraChecks = options.extraChecks ?? [];
  const ttlMs = options.cacheTtlMs ?? DEFAULT_TTL_MS;
  const statusListTtlMs = options.statusListCacheTtlMs ?? 0;
  const negativeTtlMs = Math.min(ttlMs, 30_000);
  // What is derived from fetched documents, by key, for the cache TTL: a hit is synchronous, so a
  // verification with warm caches awaits nothing but its own proof.
  const keyCache = new Map<string, Memo<KeyInfo>>();
  const listCache = new Map<string, Memo<ListState>>();
  const trustCache = new Map<string, Memo<TrustState>>();

  /** A live cache entry's value (or promise), or undefined. Allocates nothing on the hot path. */
  function cached<T>(cache: Map<string, Memo<T>>, key: string): T | Promise<T> | undefined {
    const hit = cache.get(key);
    return hit !== undefined && hit.expires > clock.now().getTime() ? hit.value : undefined;
  }

  function memo<T>(
    cache: Map<string, Memo<T>>,
    key: string,
    load: () => Promise<T>,
    fallback: (e: unknown) => T,
    ttlOf: (value: T) => number,
  ): T | Promise<T> {
    const hit = cached(cache, key);
    if (hit !== undefined) return hit;
    const entry: Memo<T> = { value: undefined as unknown as T, expires: Number.POSITIVE_INFINITY };
    const promise = load()
      .catch(fallback)
      .then((value) => {
        entry.value = value;
        entry.expires = clock.now().getTime() + ttlOf(value);
        return value;
      });
    entry.value = promise as unknown as T;
    cache.set(key, entry);
    if (cache.size > MAX_CACHE_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return promise;
  }

  // ---- keys -------------------------------------------------------------------------------

  function resolveKey(vm: string): KeyInfo | Promise<KeyInfo> {
    const hit = cached(keyCache, vm);
    if (hit !== undefined) return hit;
    return memo(
      keyCache,
      vm,
      () => loadKey(vm),
      (e) => ({
        ok: false,
        code: 'ISSUER_DOCUMENT_UNAVAILABLE',
        message: {
          zh: `无法解析密钥：${show(e, 200)}`,
          en: `Cannot resolve the key: ${show(e, 200)}`,
        },
      }),
      (info) => (info.ok ? ttlMs : negativeTtlMs),
    );
  }

  async function loadKey(vm: string): Promise<KeyInfo> {
    if (vm.startsWith('did:key:')) {
      // A did:key carries its key; `did:key:z6Mk…` without fragment names its only key.
      const id = vm.includes('#') ? vm : `${vm}#${vm.slice('did:key:'.length)}`;
      try {
        const ref = parseVerificationMethodId(id);
        if (ref.kind !== 'did:key') throw new Error('not a did:key');
        return {
          ok: true,
          publicKey: ref.publicKey,
          controller: ref.did,
          assertionMethod: true,
          authentication: true,
          index: undefined,
        };
      } catch {
        return {
          ok: false,
          code: 'ISSUER_KEY_NOT_FOUND',
          message: {
            zh: `不是有效的 Ed25519 did:key：${vm.slice(0, 200)}`,
            en: `Not a valid Ed25519 did:key: ${vm.slice(0, 200)}`,
          },
        };
      }
    }
    const hash = vm.indexOf('#');
    const controllerId = hash < 0 ? vm : vm.slice(0, hash);
    let doc: JsonObject | undefined;
    try {
      doc = await sources.didDocument(controllerId);
    } catch (e) {
      const reason = show(e, 200);
      return {
        ok: false,
        code: 'ISSUER_DOCUMENT_UNAVAILABLE',
        message: {
          zh: `无法获取 ${controllerId.slice(0, 200)} 的 DID 文档：${reason}`,
          en: `Cannot retrieve the DID document of ${controllerId.slice(0, 200)}: ${reason}`,
        },
      };
    }
    if (!isObject(doc)) {
      return {
        ok: false,
        code: 'ISSUER_DOCUMENT_UNAVAILABLE',
        message: {
          zh: `找不到 ${controllerId.slice(0, 200)} 的 DID 文档`,
          en: `No DID document found for ${controllerId.slice(0, 200)}`,
        },
      };
    }
    let index = docIndexes.get(doc);
    if (index === undefined) {
      index = indexDocument(doc);
      docIndexes.set(doc, index);
    }
    if (index.id !== controllerId) {
      return {
        ok: false,
        code: 'ISSUER_DOCUMENT_UNAVAILABLE',
        message: {
          zh: `DID 文档的 id 与 ${controllerId.slice(0, 200)} 不符`,
          en: `The DID document's id is not ${controllerId.slice(0, 200)}`,
        },
      };
    }
    const method = index.methods.get(vm);
    if (method === undefined || method.publicKey === undefined) {
      return {
        ok: false,
        code: 'ISSUER_KEY_NOT_FOUND',
        message: {
          zh: `DID 文档中没有（或已不再有）Ed25519 密钥 ${vm.slice(0, 200)}`,
          en: `The DID document does not (or no longer) list the Ed25519 key ${vm.slice(0, 200)}`,
        },
      };
    }
    return {
      ok: true,
      publicKey: method.publicKey,
      controller: method.controller ?? controllerId,
      assertionMethod: index.assertionMethod.has(vm),
      authentication: index.authentication.has(vm),
      index,
    };
  }

  const keyOf = (info: KeyInfo) => (info.ok ? info.publicKey : undefined);
  const publicKeyFor = (vm: string): Uint8Array | undefined | Promise<Uint8Array | undefined> => {
    const info = resolveKey(vm);
    return info instanceof Promise ? info.then(keyOf) : keyOf(info);
  };

  /** Bind a key to its expected controller and relationship; undefined when fine. */
  function keyBindingProblem(
    info: KeyInfo,
    vm: string,
    controller: string | undefined,
    purpose: ProofPurpose,
    who: { zh: string; en: string },
  ): { code: VerificationCode; message: Text } | undefined {
    if (!info.ok) return info;
    if (controller === undefined || info.controller !== controller) {
      return {
        code: 'ISSUER_KEY_CONTROLLER_MISMATCH',
        message: {
          zh: `密钥 ${vm.slice(0, 200)} 的控制者（${info.controller.slice(0, 200)}）不是${who.zh}（${show(controller, 200)}）`,
          en: `The key ${vm.slice(0, 200)} is controlled by ${info.controller.slice(0, 200)}, not by the ${who.en} (${show(controller, 200)})`,
        },
      };
    }
    if (!info[purpose]) {
      return {
        code: 'ISSUER_KEY_NOT_AUTHORIZED',
        message: {
          zh: `DID 文档未在 ${purpose} 中列出密钥 ${vm.slice(0, 200)}`,
          en: `The DID document does not list ${vm.slice(0, 200)} under ${purpose}`,
        },
      };
    }
    return undefined;
  }

  // ---- status lists ---------------------------------------------------------------------------

  /**
   * The verified, decoded status list at `url`: asked of the sources every time by default, or kept by
   * URL for `statusListCacheTtlMs` (capped by the list's own `ttl`).
   */
  function listStateFor(url: string): ListState | Promise<ListState> {
    if (statusListTtlMs <= 0) return fetchListState(url);
    const hit = cached(listCache, url);
    if (hit !== undefined) return hit;
    return memo(
      listCache,
      url,
      () => fetchListState(url),
      (e): ListState => ({
        ok: false,
        code: 'STATUS_VERIFICATION_ERROR',
        message: {
          zh: `状态列表无法验证：${show(e, 200)}`,
          en: `The status list cannot be verified: ${show(e, 200)}`,
        },
      }),
      (state) => (state.ok ? Math.min(statusListTtlMs, state.list.ttl ?? statusListTtlMs) : negativeTtlMs),
    );
  }

  async function fetchListState(url: string): Promise<ListState> {
    let listCredential: JsonObject | undefined;
    try {
      listCredential = await sources.statusListCredential(url);
    } catch (e) {
      return {
        ok: false,
        code: 'STATUS_RETRIEVAL_ERROR',
        message: {
          zh: `无法获取状态列表 ${url.slice(0, 200)}：${show(e, 200)}`,
          en: `Cannot retrieve the status list ${url.slice(0, 200)}: ${show(e, 200)}`,
        },
      };
    }
    if (!isObject(listCredential)) {
      return {
        ok: false,
        code: 'STATUS_RETRIEVAL_ERROR',
        message: {
          zh: `找不到状态列表 ${url.slice(0, 200)}`,
          en: `Status list not found: ${url.slice(0, 200)}`,
        },
      };
    }
    return listState(url, listCredential);
  }

  function listState(url: string, listCredential: JsonObject): ListState | Promise<ListState> {
    const now = clock.now().getTime();
    const byObject = listStates.get(listCredential);
    if (byObject !== undefined && byObject.expires > now) return byObject.value;
    let key: string;
    try {
      key = `${url}\n${toHex(crypto.sha256(new TextEncoder().encode(JSON.stringify(listCredential))))}`;
    } catch {
      key = `${url}\n(unhashable)`;
    }
    const value = memo(
      listContent,
      key,
      () => computeListState(listCredential),
      (e): ListState => ({
        ok: false,
        code: 'STATUS_VERIFICATION_ERROR',
        message: {
          zh: `状态列表凭证无法验证：${show(e, 200)}`,
          en: `The status list credential cannot be verified: ${show(e, 200)}`,
        },
      }),
      (state) => (state.ok ? ttlMs : negativeTtlMs),
    );
    const entry: Memo<ListState> = { value, expires: now + ttlMs };
    if (value instanceof Promise) {
      value.then((resolved) => {
        entry.value = resolved;
      });
    }
    listStates.set(listCredential, entry);
    return value;
  }

  async function computeListState(listCredential: JsonObject): Promise<ListState> {
    const issuerId = issuerIdOf(listCredential);
    const proof = await verifyDataIntegrity(listCredential, { crypto, publicKeyFor });
    if (!proof.verified) {
      return {
        ok: false,
        code: 'STATUS_VERIFICATION_ERROR',
        message: {
          zh: `状态列表凭证的证明无效：${proof.message.zh}`,
          en: `The status list credential's proof does not verify: ${proof.message.en}`,
        },
      };
    }
    for (const p of proof.proofs) {
      if (p.status !== 'verified' || p.verificationMethod === undefined) continue;
      const problem = keyBindingProblem(
        await resolveKey(p.verificationMethod),
        p.verificationMethod,
        issuerId,
        'assertionMethod',
        {
          zh: '状态列表的签发者',
          en: 'status list issuer',
        },
      );
      if (problem !== undefined) {
        return {
          ok: false,
          code: 'STATUS_VERIFICATION_ERROR',
          message: {
            zh: `状态列表凭证的签名密钥不属于其签发者：${problem.message.zh}`,
            en: `The status list credential is not signed by its issuer: ${problem.message.en}`,
          },
        };
      }
    }
    const parsed = parseStatusListCredential(listCredential);
    if (!parsed.ok) return { ok: false, code: statusCode(parsed.problem), message: parsed.problem.text };
    const validFrom =
      listCredential['validFrom'] === undefined ? undefined : parseDateTime(listCredential['validFrom']);
    const validUntil =
      listCredential['validUntil'] === undefined ? undefined : parseDateTime(listCredential['validUntil']);
    return { ok: true, issuerId, list: parsed.list, validFrom, validUntil };
  }

  // ---- trust list ------------------------------------------------------------------------------

  async function trustState(): Promise<TrustState> {
    const regulatorDid = options.regulatorDid;
    if (regulatorDid === undefined) {
      return {
        kind: 'none',
        message: {
          zh: '未配置监管机构 DID，不使用信任列表',
          en: 'No regulator DID configured: no trust list is used',
        },
      };
    }
    let vc: JsonObject | undefined;
    try {
      vc = await sources.trustListCredential();
    } catch (e) {
      return {
        kind: 'none',
        message: {
          zh: `无法获取信任列表：${show(e, 200)}`,
          en: `The trust list cannot be retrieved: ${show(e, 200)}`,
        },
      };
    }
    if (!isObject(vc))
      return { kind: 'none', message: { zh: '没有可用的信任列表', en: 'No trust list is available' } };
    let state = trustStates.get(vc);
    if (state === undefined) {
      state = computeTrustState(vc, regulatorDid).catch(
        (e): TrustState => ({
          kind: 'invalid',
          message: {
            zh: `信任列表无效：${show(e, 200)}`,
            en: `The trust list is invalid: ${show(e, 200)}`,
          },
        }),
      );
      trustStates.set(vc, state);
    }
    return state;
  }

  async function computeTrustState(vc: JsonObject, regulatorDid: string): Promise<TrustState> {
    if (issuerIdOf(vc) !== regulatorDid || !hasType(vc['type'], TRUST_LIST_CREDENTIAL_TYPE)) {
      return {
        kind: 'invalid',
        message: {
          zh: '信任列表不是由监管机构签发的 OneXTrustListCredential',
          en: 'The trust list is not a OneXTrustListCredential issued by the regulator',
        },
      };
    }
    const shapeErrors = checkVc20Rules(vc);
    if (shapeErrors.length > 0) {
      return {
        kind: 'invalid',
        message: { zh: '信任列表凭证格式无效', en: 'The trust list credential is malformed' },
        details: { errors: shapeErrors },
      };
    }
    const proof = await verifyDataIntegrity(vc, { crypto, publicKeyFor });
    if (!proof.verified) {
      return {
        kind: 'invalid',
        message: {
          zh: `信任列表的证明无效：${proof.message.zh}`,
          en: `The trust list's proof does not verify: ${proof.message.en}`,
        },
      };
    }
    for (const p of proof.proofs) {
      if (p.status !== 'verified' || p.verificationMethod === undefined) continue;
      const problem = keyBindingProblem(
        await resolveKey(p.verificationMethod),
        p.verificationMethod,
        regulatorDid,
        'assertionMethod',
        {
          zh: '监管机构',
          en: 'regulator',
        },
      );
      if (problem !== undefined) {
        return {
          kind: 'invalid',
          message: {
            zh: `信任列表不是由监管机构的密钥签名的：${problem.message.zh}`,
            en: `The trust list is not signed with a regulator key: ${problem.message.en}`,
          },
        };
      }
    }
    let list: TrustList;
    try {
      list = parseTrustList(vc);
    } catch (e) {
      const err = e as { text?: Text; details?: Record<string, unknown> };
      return {
        kind: 'invalid',
        message: err.text ?? { zh: '信任列表格式无效', en: 'The trust list is malformed' },
        ...(err.details ? { details: err.details } : {}),
      };
    }
    const issuersByDid = new Map<string, AccreditationPeriod[]>();
    for (const issuer of list.issuers) {
      const entries = issuersByDid.get(issuer.did) ?? [];
      entries.push({
        issuer,
        from: parseDateTime(issuer.accreditedFrom),
        until: issuer.accreditedUntil === null ? undefined : parseDateTime(issuer.accreditedUntil),
      });
      issuersByDid.set(issuer.did, entries);
    }
    const institutionsByDid = new Map<string, TrustListInstitution>();
    for (const institution of list.institutions ?? []) institutionsByDid.set(institution.did, institution);
    const byAchievement = new Map<string, { certificate: TrustListCertificate; level: 1 | 2 | 3 }>();
    for (const certificate of list.certificates) {
      for (const a of certificate.achievements) {
        if (!byAchievement.has(a.id)) byAchievement.set(a.id, { certificate, level: a.level });
      }
    }
    return {
      kind: 'ok',
      index: {
        list,
        issuersByDid,
        institutionsByDid,
        byAchievement,
        validFrom: parseDateTime(vc['validFrom']),
        validUntil: vc['validUntil'] === undefined ? undefined : parseDateTime(vc['validUntil']),
      },
    };
  }

  /** The trust list, checked against `now` (validity period), as the two trust checks use it. */
  function currentTrust(now: number): TrustState | Promise<TrustState> {
    const hit = cached(trustCache, TRUST_KEY);
    if (hit !== undefined && !(hit instanceof Promise)) return inWindow(hit, now);
    const state = memo(
      trustCache,
      TRUST_KEY,
      trustState,
      (e): TrustState => ({
        kind: 'invalid',
        message: {
          zh: `信任列表无效：${show(e, 200)}`,
          en: `The trust list is invalid: ${show(e, 200)}`,
        },
      }),
      (t) => (t.kind === 'ok' ? ttlMs : negativeTtlMs),
    );
    return state instanceof Promise ? state.then((t) => inWindow(t, now)) : inWindow(state, now);
  }

  function inWindow(state: TrustState, now: number): TrustState {
    if (state.kind !== 'ok') return state;
    const { validFrom, validUntil } = state.index;
    if (
      (validFrom !== undefined && now + skewMs < validFrom) ||
      (validUntil !== undefined && now >= validUntil)
    ) {
      return {
        kind: 'invalid',
        message: { zh: '信任列表不在有效期内', en: 'The trust list is outside its validity period' },
      };
    }
    return state;
  }

  function trustUnavailable(name: CheckName, state: Exclude<TrustState, { kind: 'ok' }>): Check {
    if (state.kind === 'invalid') {
      return failed(name, 'TRUST_LIST_INVALID', state.message.zh, state.message.en, state.details);
    }
    if (options.requireTrustList) {
      return failed(
        name,
        'TRUST_LIST_UNAVAILABLE',
        `需要信任列表：${state.message.zh}`,
        `A trust list is required: ${state.message.en}`,
      );
    }
    return skipped(name, `已跳过：${state.message.zh}`, `Skipped: ${state.message.en}`);
  }

  // ---- the checks --------------------------------------------------------------------------------

  interface Context {
    credential: JsonObject;
    /** The embedded proof result (undefined when the credential has no embedded proof). */
    dataIntegrity: DataIntegrityResult | undefined;
    jwt: VcJwtResult | undefined;
    now: number;
    /** The trust list as of `now`, when a trust check was requested. */
    trust: TrustState | undefined;
  }

  function shapeCheck(credential: JsonObject): Check {
    const result = checkCredentialShape(credential);
    if (result.ok) {
      const label =
        result.profile === 'ob30-achievement'
          ? 'OB 3.0 AchievementCredential'
          : result.profile === 'ob30-endorsement'
            ? 'OB 3.0 EndorsementCredential'
            : result.profile === 'vc11'
              ? 'VC 1.1'
              : 'VC 2.0';
      return passed('shape', `格式符合 ${label}`, `The shape conforms to ${label}`, {
        profile: result.profile,
      });
    }
    const code: VerificationCode = result.profile.startsWith('ob30') ? 'SCHEMA_INVALID' : 'SHAPE_INVALID';
    const first = result.errors[0];
    const where = first === undefined ? '' : `${first.path} ${first.message}`;
    return failed(
      'shape',
      code,
      `格式无效（${result.errors.length} 处）：${where}`,
      `Invalid shape (${result.errors.length} error(s)): ${where}`,
      { profile: result.profile, errors: result.errors },
    );
  }

  function proofCheck(ctx: Context): Check {
    const { dataIntegrity, jwt } = ctx;
    if (jwt !== undefined && !jwt.verified) {
      return failed('proof', jwt.code ?? 'JWT_SIGNATURE_INVALID', jwt.message.zh, jwt.message.en, {
        format: 'vc-jwt',
      });
    }
    if (dataIntegrity !== undefined && !dataIntegrity.verified) {
      return failed(
        'proof',
        dataIntegrity.code ?? 'PROOF_INVALID',
        dataIntegrity.message.zh,
        dataIntegrity.message.en,
        {
          proofs: dataIntegrity.proofs,
        },
      );
    }
    if (jwt === undefined && dataIntegrity === undefined) {
      return failed('proof', 'PROOF_MISSING', '凭证没有证明', 'The credential has no proof');
    }
    const details = dataIntegrity !== undefined ? { proofs: dataIntegrity.proofs } : undefined;
    if (jwt !== undefined && dataIntegrity !== undefined) {
      return passed(
        'proof',
        `${jwt.message.zh}；${dataIntegrity.message.zh}`,
        `${jwt.message.en}; ${dataIntegrity.message.en}`,
        details,
      );
    }
    const message = (jwt ?? dataIntegrity)?.message ?? { zh: '证明有效', en: 'The proof verifies' };
    return check('proof', 'passed', message, undefined, details);
  }

  /** Verification methods of the credential's DataIntegrityProofs (ignored types left out). */
  function proofMethods(ctx: Context): string[] | undefined {
    if (ctx.dataIntegrity === undefined) return undefined;
    const vms: string[] = [];
    for (const p of ctx.dataIntegrity.proofs) {
      if (p.status === 'ignored') continue;
      if (p.verificationMethod === undefined) return undefined;
      vms.push(p.verificationMethod);
    }
    return vms;
  }

  /** Synchronous when the keys are cached and no VC-JWT is involved (the common case). */
  function issuerKeyCheck(ctx: Context): Check | Promise<Check> {
    if (ctx.jwt !== undefined) return issuerKeyCheckAsync(ctx);
    const issuerId = issuerIdOf(ctx.credential);
    const vms = proofMethods(ctx);
    if (issuerId === undefined || vms === undefined) return issuerKeyCheckAsync(ctx);
    for (let i = 0; i < vms.length; i++) {
      const vm = vms[i] as string;
      const info = resolveKey(vm);
      if (info instanceof Promise) return issuerKeyCheckAsync(ctx);
      const problem = keyBindingProblem(info, vm, issuerId, 'assertionMethod', ISSUER_WORD);
      if (problem !== undefined) {
        return failed('issuerKey', problem.code, problem.message.zh, problem.message.en, {
          verificationMethod: vm,
        });
      }
    }
    if (vms.length === 0)
      return skipped('issuerKey', '已跳过：没有可检查的证明', 'Skipped: no proof to check');
    return passed(
      'issuerKey',
      `签名密钥属于签发者 ${issuerId.slice(0, 200)} 并用于断言`,
      `The signing key belongs to the issuer ${issuerId.slice(0, 200)} and is an assertion key`,
      { verificationMethods: vms },
    );
  }

  async function issuerKeyCheckAsync(ctx: Context): Promise<Check> {
    const issuerId = issuerIdOf(ctx.credential);
    if (issuerId === undefined) {
      return failed(
        'issuerKey',
        'ISSUER_KEY_CONTROLLER_MISMATCH',
        '凭证没有签发者 id',
        'The credential has no issuer id',
      );
    }
    const checked: string[] = [];
    // VC-JWT: the kid (or the embedded jwk) must be an assertion key of the issuer.
    if (ctx.jwt !== undefined) {
      const { kid, header } = ctx.jwt;
      if (kid !== undefined) {
        const problem = keyBindingProblem(await resolveKey(kid), kid, issuerId, 'assertionMethod', {
          zh: '签发者',
          en: 'issuer',
        });
        if (problem !== undefined)
          return failed('issuerKey', problem.code, problem.message.zh, problem.message.en);
        checked.push(kid);
      } else if (header !== undefined && ctx.jwt.publicKey !== undefined) {
        const bound = await jwkBelongsToIssuer(ctx.jwt.publicKey, issuerId);
        if (!bound) {
          return failed(
            'issuerKey',
            'ISSUER_KEY_NOT_FOUND',
            'JWT 头部的 jwk 不是签发者 DID 文档中的断言密钥',
            "The JWT header's jwk is not an assertion key in the issuer's DID document",
          );
        }
        checked.push('jwk');
      } else if (ctx.dataIntegrity === undefined) {
        return skipped('issuerKey', '已跳过：JWT 没有可检查的密钥', 'Skipped: the JWT has no key to check');
      }
    }
    const vms = proofMethods(ctx);
    if (vms === undefined && ctx.dataIntegrity !== undefined) {
      return failed(
        'issuerKey',
        'ISSUER_KEY_NOT_FOUND',
        '证明没有验证方法',
        'A proof has no verification method',
      );
    }
    for (const vm of vms ?? []) {
      const problem = keyBindingProblem(await resolveKey(vm), vm, issuerId, 'assertionMethod', {
        zh: '签发者',
        en: 'issuer',
      });
      if (problem !== undefined) {
        return failed('issuerKey', problem.code, problem.message.zh, problem.message.en, {
          verificationMethod: vm,
        });
      }
      checked.push(vm);
    }
    if (checked.length === 0) {
      return skipped('issuerKey', '已跳过：没有可检查的证明', 'Skipped: no proof to check');
    }
    return passed(
      'issuerKey',
      `签名密钥属于签发者 ${issuerId.slice(0, 200)} 并用于断言`,
      `The signing key belongs to the issuer ${issuerId.slice(0, 200)} and is an assertion key`,
      { verificationMethods: checked },
    );
  }

  async function jwkBelongsToIssuer(publicKey: Uint8Array, issuerId: string): Promise<boolean> {
    const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (issuerId.startsWith('did:key:')) {
      const info = await resolveKey(issuerId);
      return info.ok && same(info.publicKey, publicKey);
    }
    let doc: JsonObject | undefined;
    try {
      doc = await sources.didDocument(issuerId);
    } catch {
      return false;
    }
    if (!isObject(doc)) return false;
    let index = docIndexes.get(doc);
    if (index === undefined) {
      index = indexDocument(doc);
      docIndexes.set(doc, index);
    }
    if (index.id !== issuerId) return false;
    for (const method of index.methods.values()) {
      if (
        method.publicKey !== undefined &&
        same(method.publicKey, publicKey) &&
        index.assertionMethod.has(method.id) &&
        (method.controller ?? index.id) === issuerId
      ) {
        return true;
      }
    }
    return false;
  }

  function validFromOf(credential: JsonObject): { value: unknown; key: string } {
    return isVc11(credential)
      ? { value: credential['issuanceDate'], key: 'issuanceDate' }
      : { value: credential['validFrom'], key: 'validFrom' };
  }

  function issuerAccreditedCheck(ctx: Context, state: TrustState): Check {
    if (state.kind !== 'ok') return trustUnavailable('issuerAccredited', state);
    const issuerId = issuerIdOf(ctx.credential);
    // A learner record (CLR 2.0) is issued by an institution, which the trust list names as such;
    // only TEOs issue anything else (X certificates above all).
    const institution = issuerId === undefined ? undefined : state.index.institutionsByDid.get(issuerId);
    if (institution !== undefined && hasType(ctx.credential['type'], 'ClrCredential')) {
      return passed(
        'issuerAccredited',
        `签发者 ${institution.nameZh}（${institution.code}）是信任列表上签发学习记录的院校`,
        `The issuer ${institution.nameEn} (${institution.code}) is an institution the trust list names as an issuer of learner records`,
        { code: institution.code, kind: 'INSTITUTION' },
      );
    }
    const entries = issuerId === undefined ? undefined : state.index.issuersByDid.get(issuerId);
    if (issuerId === undefined || entries === undefined) {
      return failed(
        'issuerAccredited',
        'ISSUER_NOT_ACCREDITED',
        `签发者 ${show(issuerId, 200)} 不在监管机构的信任列表上`,
        `The issuer ${show(issuerId, 200)} is not on the regulator's trust list`,
      );
    }
    const { value, key } = validFromOf(ctx.credential);
    const at = value === undefined ? ctx.now : parseDateTime(value);
    if (at === undefined) {
      return failed(
        'issuerAccredited',
        'VALIDITY_MALFORMED',
        `${key} 不是有效的日期时间`,
        `${key} is not a valid dateTime`,
      );
    }
    const period = entries.find(
      (p) => p.from !== undefined && p.from <= at && (p.until === undefined || at < p.until),
    );
    if (period === undefined) {
      return failed(
        'issuerAccredited',
        'ISSUER_NOT_ACCREDITED_AT_VALID_FROM',
        `签发者 ${entries[0]?.issuer.nameZh ?? issuerId} 在 ${key}（${show(value ?? '')}）时未获认可`,
        `The issuer ${entries[0]?.issuer.nameEn ?? issuerId} was not accredited at ${key} (${show(value ?? '')})`,
        { periods: entries.map((e) => ({ from: e.issuer.accreditedFrom, until: e.issuer.accreditedUntil })) },
      );
    }
    const entry = period.issuer;
    return passed(
      'issuerAccredited',
      `签发者 ${entry.nameZh}（${entry.code}）在签发时为认可的评价组织`,
      `The issuer ${entry.nameEn} (${entry.code}) was an accredited TEO when it issued the credential`,
      { code: entry.code, accreditedFrom: entry.accreditedFrom, accreditedUntil: entry.accreditedUntil },
    );
  }

  function catalogCheck(ctx: Context, state: TrustState): Check {
    if (!isAchievementCredential(ctx.credential)) {
      return skipped(
        'catalog',
        '已跳过：不是 AchievementCredential',
        'Skipped: not an AchievementCredential',
      );
    }
    if (state.kind !== 'ok') return trustUnavailable('catalog', state);
    const subject = asArray(ctx.credential['credentialSubject'])[0];
    const achievement = isObject(subject) ? subject['achievement'] : undefined;
    const achievementId = isObject(achievement) ? achievement['id'] : undefined;
    const found =
      typeof achievementId === 'string' ? state.index.byAchievement.get(achievementId) : undefined;
    if (found === undefined) {
      return failed(
        'catalog',
        'CATALOG_UNKNOWN_ACHIEVEMENT',
        `成就 ${show(achievementId, 200)} 不是国家目录中的证书等级`,
        `The achievement ${show(achievementId, 200)} is not a certificate level of the national catalog`,
      );
    }
    const issuerId = issuerIdOf(ctx.credential);
    const teo = issuerId === undefined ? undefined : state.index.issuersByDid.get(issuerId);
    if (teo !== undefined && !teo.some((t) => t.issuer.code === found.certificate.teoCode)) {
      return failed(
        'catalog',
        'CATALOG_WRONG_ISSUER',
        `证书 ${found.certificate.nameZh} 属于评价组织 ${found.certificate.teoCode}，不属于签发者`,
        `The certificate ${found.certificate.nameEn} belongs to TEO ${found.certificate.teoCode}, not to the issuer`,
      );
    }
    return passed(
      'catalog',
      `${found.certificate.nameZh}（${found.level} 级）在国家目录中`,
      `${found.certificate.nameEn} (level ${found.level}) is in the national catalog`,
      { certificate: found.certificate.code, level: found.level },
    );
  }

  function validityCheck(ctx: Context): Check {
    const v11 = isVc11(ctx.credential);
    const fromKey = v11 ? 'issuanceDate' : 'validFrom';
    const untilKey = v11 ? 'expirationDate' : 'validUntil';
    const fromValue = ctx.credential[fromKey];
    const untilValue = ctx.credential[untilKey];
    const from = fromValue === undefined ? undefined : parseDateTime(fromValue, !v11);
    const until = untilValue === undefined ? undefined : parseDateTime(untilValue, !v11);
    if (
      (fromValue !== undefined && from === undefined) ||
      (untilValue !== undefined && until === undefined)
    ) {
      return failed(
        'validity',
        'VALIDITY_MALFORMED',
        `${fromKey} / ${untilKey} 不是有效的日期时间`,
        `${fromKey} / ${untilKey} is not a valid dateTime`,
      );
    }
    const nowIso = new Date(ctx.now).toISOString();
    if (from !== undefined && ctx.now < from) {
      return failed(
        'validity',
        'VALIDITY_NOT_YET_VALID',
        `凭证尚未生效（${fromKey} ${show(fromValue)}）`,
        `Not valid yet (${fromKey} ${show(fromValue)})`,
        {
          now: nowIso,
        },
      );
    }
    if (until !== undefined && ctx.now >= until) {
      return failed(
        'validity',
        'VALIDITY_EXPIRED',
        `凭证已过期（${untilKey} ${show(untilValue)}）`,
        `Expired (${untilKey} ${show(untilValue)})`,
        {
          now: nowIso,
        },
      );
    }
    if (from === undefined && until === undefined) {
      return passed('validity', '凭证没有有效期限制', 'The credential has no validity period');
    }
    return passed('validity', '凭证在有效期内', 'The credential is within its validity period');
  }

  interface EntryOutcome {
    index: number;
    type: unknown;
    result: 'active' | 'revoked' | 'suspended' | 'set' | 'unsupported' | 'error';
    code?: VerificationCode;
    message: Text;
  }

  function statusEntry(
    entry: unknown,
    i: number,
    issuerId: string | undefined,
    now: number,
  ): EntryOutcome | Promise<EntryOutcome> {
    const type = isObject(entry) ? entry['type'] : undefined;
    const base = { index: i, type };
    if (!isObject(entry)) {
      return {
        ...base,
        result: 'error',
        code: 'MALFORMED_VALUE_ERROR',
        message: { zh: 'credentialStatus 不是对象', en: 'credentialStatus is not an object' },
      };
    }
    if (!hasType(type, 'BitstringStatusListEntry')) {
      return {
        ...base,
        result: 'unsupported',
        message: {
          zh: `不支持的状态类型 ${show(type ?? null, 80)}`,
          en: `Unsupported status type ${show(type ?? null, 80)}`,
        },
      };
    }
    // The entry is parsed in full by checkStatusWithList; here only what the fetch needs.
    const url = entry['statusListCredential'];
    if (typeof url !== 'string' || !isAbsoluteUri(url)) {
      const parsed = safeParseStatusEntry(entry);
      return parsed.ok
        ? {
            ...base,
            result: 'error',
            code: 'MALFORMED_VALUE_ERROR',
            message: { zh: 'statusListCredential 必须是 URL', en: 'statusListCredential must be a URL' },
          }
        : problemOutcome(base, parsed.problem);
    }
    const pending = listStateFor(url);
    return pending instanceof Promise
      ? pending.then((state) => entryAgainstList(entry, base, state, issuerId, now))
      : entryAgainstList(entry, base, pending, issuerId, now);
  }

  function entryAgainstList(
    entry: JsonObject,
    base: { index: number; type: unknown },
    state: ListState,
    issuerId: string | undefined,
    now: number,
  ): EntryOutcome {
    if (!state.ok) return { ...base, result: 'error', code: state.code, message: state.message };
    if (issuerId === undefined || state.issuerId !== issuerId) {
      return {
        ...base,
        result: 'error',
        code: 'STATUS_ISSUER_MISMATCH',
        message: {
          zh: `状态列表的签发者（${show(state.issuerId, 200)}）不是凭证的签发者`,
          en: `The status list's issuer (${show(state.issuerId, 200)}) is not the credential's issuer`,
        },
      };
    }
    if (
      (state.validFrom !== undefined && now + skewMs < state.validFrom) ||
      (state.validUntil !== undefined && now >= state.validUntil)
    ) {
      return {
        ...base,
        result: 'error',
        code: 'STATUS_VERIFICATION_ERROR',
        message: {
          zh: '状态列表凭证不在有效期内',
          en: 'The status list credential is outside its validity period',
        },
      };
    }
    const checked = bitOf(entry, state.list);
    if (!checked.ok) return problemOutcome(base, checked.problem);
    if (!checked.status) {
      return {
        ...base,
        result: 'active',
        message: { zh: `${checked.statusPurpose}：未设置`, en: `${checked.statusPurpose}: not set` },
      };
    }
    if (checked.statusPurpose === 'revocation') {
      return {
        ...base,
        result: 'revoked',
        code: 'STATUS_REVOKED',
        message: { zh: '凭证已被撤销', en: 'The credential has been revoked' },
      };
    }
    if (checked.statusPurpose === 'suspension') {
      return {
        ...base,
        result: 'suspended',
        code: 'STATUS_SUSPENDED',
        message: { zh: '凭证已被暂停', en: 'The credential is suspended' },
      };
    }
    return {
      ...base,
      result: 'set',
      message: { zh: `${checked.statusPurpose} 状态位已设置`, en: `The ${checked.statusPurpose} bit is set` },
    };
  }

  function problemOutcome(base: { index: number; type: unknown }, problem: StatusProblem): EntryOutcome {
    return {
      ...base,
      result: problem.code === 'STATUS_UNSUPPORTED' ? 'unsupported' : 'error',
      code: statusCode(problem),
      message: problem.text,
    };
  }

  function statusCheck(ctx: Context): Check | Promise<Check> {
    const raw = ctx.credential['credentialStatus'];
    const entries = asArray(raw);
    if (entries.length === 0)
      return skipped(
        'status',
        '已跳过：凭证没有 credentialStatus',
        'Skipped: the credential has no credentialStatus',
      );
    const issuerId = issuerIdOf(ctx.credential);
    const pending: (EntryOutcome | Promise<EntryOutcome>)[] = [];
    let waiting = false;
    for (let i = 0; i < entries.length; i++) {
      const outcome = statusEntry(entries[i], i, issuerId, ctx.now);
      if (outcome instanceof Promise) waiting = true;
      pending.push(outcome);
    }
    return waiting ? Promise.all(pending).then(summarizeStatus) : summarizeStatus(pending as EntryOutcome[]);
  }

  function summarizeStatus(outcomes: EntryOutcome[]): Check {
    const details = {
      entries: outcomes.map((o) => ({ index: o.index, result: o.result, code: o.code, message: o.message })),
    };
    const pick = (result: EntryOutcome['result']) => outcomes.find((o) => o.result === result);
    const revoked = pick('revoked');
    if (revoked !== undefined)
      return failed('status', 'STATUS_REVOKED', revoked.message.zh, revoked.message.en, details);
    const suspended = pick('suspended');
    if (suspended !== undefined)
      return failed('status', 'STATUS_SUSPENDED', suspended.message.zh, suspended.message.en, details);
    const error = pick('error');
    if (error !== undefined) {
      return failed(
        'status',
        error.code ?? 'STATUS_VERIFICATION_ERROR',
        error.message.zh,
        error.message.en,
        details,
      );
    }
    const known = outcomes.filter((o) => o.result !== 'unsupported');
    if (known.length === 0) {
      const first = outcomes[0] as EntryOutcome;
      return skipped('status', `已跳过：${first.message.zh}`, `Skipped: ${first.message.en}`, details);
    }
    return passed('status', '凭证未被撤销或暂停', 'The credential is neither revoked nor suspended', details);
  }

  function loggedCheck(credential: JsonObject): Check | Promise<Check> {
    const hook = extraChecks.find((c) => c.name === 'logged');
    if (hook === undefined) {
      return skipped('logged', '未配置透明日志检查', 'transparency log check not configured');
    }
    return runHook(hook, credential);
  }

  async function runHook(hook: ExtraCheck, credential: JsonObject): Promise<Check> {
    try {
      const result = await hook.run(credential);
      if (
        !isObject(result) ||
        (result.status !== 'passed' && result.status !== 'failed' && result.status !== 'skipped')
      ) {
        return failed(
          'logged',
          'CHECK_FAILED_TO_RUN',
          '透明日志检查返回了无效结果',
          'The transparency log check returned no valid result',
        );
      }
      const out: Check = { ...result, name: 'logged' };
      if (out.status === 'failed' && out.code === undefined) out.code = 'CHECK_FAILED_TO_RUN';
      return out;
    } catch (e) {
      const message = show(e, 200);
      return failed(
        'logged',
        'CHECK_FAILED_TO_RUN',
        `透明日志检查失败：${message}`,
        `The transparency log check failed to run: ${message}`,
      );
    }
  }

  // ---- orchestration ---------------------------------------------------------------------------------

  function notRun(reason: Text): Check[] {
    return checkNames.slice(1).map((name) => skipped(name, `未执行：${reason.zh}`, `Not run: ${reason.en}`));
  }

  // Check bodies over the verification context, created once per verifier (no closures per call).
  const bodies: Record<CheckName, (ctx: Context) => Check | Promise<Check>> = {
    shape: (ctx) => shapeCheck(ctx.credential),
    proof: (ctx) => proofCheck(ctx),
    issuerKey: (ctx) => issuerKeyCheck(ctx),
    issuerAccredited: (ctx) => issuerAccreditedCheck(ctx, ctx.trust as TrustState),
    catalog: (ctx) => catalogCheck(ctx, ctx.trust as TrustState),
    validity: (ctx) => validityCheck(ctx),
    status: (ctx) => statusCheck(ctx),
    logged: (ctx) => loggedCheck(ctx.credential),
  };

  function runCheck(
    name: CheckName,
    ctx: Context,
    requested: Set<CheckName> | undefined,
  ): Check | Promise<Check> {
    if (requested !== undefined && !requested.has(name))
      return skipped(name, NOT_REQUESTED.zh, NOT_REQUESTED.en);
    try {
      const result = bodies[name](ctx);
      return result instanceof Promise ? result.catch((e: unknown) => internalError(name, e)) : result;
    } catch (e) {
      return internalError(name, e);
    }
  }

  async function verifyParsed(
    credential: JsonObject,
    jwt: VcJwtResult | undefined,
    requested: Set<CheckName> | undefined,
  ): Promise<VerificationResult> {
    const now = clock.now().getTime();
    // The embedded proof, if any (a VC-JWT may wrap a credential that also carries one).
    let dataIntegrity: DataIntegrityResult | undefined;
    if (
      credential['proof'] !== undefined &&
      (requested === undefined || requested.has('proof') || requested.has('issuerKey'))
    ) {
      const pending = verifyDataIntegrityEager(credential, { crypto, publicKeyFor, now: new Date(now) });
      dataIntegrity = pending instanceof Promise ? await pending : pending;
    }
    let trust: TrustState | undefined;
    if (requested === undefined || requested.has('issuerAccredited') || requested.has('catalog')) {
      const pending = currentTrust(now);
      trust = pending instanceof Promise ? await pending : pending;
    }
    const ctx: Context = { credential, dataIntegrity, jwt, now, trust };
    // With warm caches every check but an extra `logged` hook returns synchronously.
    const pending: (Check | Promise<Check>)[] = [];
    let waiting = false;
    for (let i = 0; i < checkNames.length; i++) {
      const result = runCheck(checkNames[i] as CheckName, ctx, requested);
      if (result instanceof Promise) waiting = true;
      pending.push(result);
    }
    const checks = waiting ? await Promise.all(pending) : (pending as Check[]);
    let verified = (checks[1] as Check).status === 'passed';
    for (let i = 0; i < checks.length && verified; i++)
      if ((checks[i] as Check).status === 'failed') verified = false;
    return { verified, format: jwt !== undefined ? 'vc-jwt' : 'data-integrity', checks, credential };
  }

  async function verifyCredential(
    input: unknown,
    opts: VerifyCredentialOptions = {},
  ): Promise<VerificationResult> {
    try {
      const requested = Array.isArray(opts?.checks) ? new Set(opts.checks) : undefined;
      const parsed = parseInput(input);
      if (parsed.kind === 'error') {
        return {
          verified: false,
          format: 'unknown',
          checks: [
            failed('shape', parsed.code, parsed.message.zh, parsed.message.en),
            ...notRun(parsed.message),
          ],
        };
      }
      if (parsed.kind === 'jws') {
        const jwt = await verifyVcJwt(parsed.value, { crypto, resolveKeyFromKid: publicKeyFor });
        const credential = jwt.credential;
        if (credential === undefined || checkedObject(credential).kind !== 'object') {
          const message = jwt.message;
          return {
            verified: false,
            format: 'vc-jwt',
            checks: [
              skipped(
                'shape',
                '未执行：JWT 中没有可读取的凭证',
                'Not run: the JWT carries no readable credential',
              ),
              failed('proof', jwt.code ?? 'JWT_MALFORMED', message.zh, message.en),
              ...notRun({ zh: 'JWT 中没有可读取的凭证', en: 'the JWT carries no readable credential' }).slice(
                1,
              ),
            ],
          };
        }
        return await verifyParsed(credential, jwt, requested);
      }
      return await verifyParsed(parsed.value, undefined, requested);
    } catch (e) {
      // Unreachable by construction (every check is guarded); kept so that "never throws" holds.
      return {
        verified: false,
        format: 'unknown',
        checks: [internalError('shape', e), ...notRun({ zh: '内部错误', en: 'internal error' })],
      };
    }
  }

  async function verifyPresentation(
    input: unknown,
    opts: VerifyPresentationOptions = {},
  ): Promise<PresentationVerificationResult> {
    try {
      const parsed = parseInput(input);
      if (parsed.kind !== 'object') {
        const message =
          parsed.kind === 'error'
            ? parsed.message
            : { zh: '不支持 JWT 形式的展示', en: 'Presentations as JWTs are not supported' };
        const code = parsed.kind === 'error' ? parsed.code : 'INPUT_MALFORMED';
        return {
          verified: false,
          checks: [
            failed('shape', code, message.zh, message.en),
            skipped('proof', `未执行：${message.zh}`, `Not run: ${message.en}`),
            skipped('issuerKey', `未执行：${message.zh}`, `Not run: ${message.en}`),
          ],
          credentials: [],
        };
      }
      const vp = parsed.value;
      const shape = checkPresentationShape(vp);
      const shapeCheckResult = shape.ok
        ? passed('shape', '展示格式符合 VC 2.0', 'The presentation conforms to VC 2.0')
        : failed(
            'shape',
            'SHAPE_INVALID',
            `展示格式无效：${shape.errors[0]?.path ?? ''} ${shape.errors[0]?.message ?? ''}`,
            `Invalid presentation: ${shape.errors[0]?.path ?? ''} ${shape.errors[0]?.message ?? ''}`,
            { errors: shape.errors },
          );
      const now = clock.now();
      const [proofCheckResult, holderCheck] = await guardedPair(async () => {
        if (vp['proof'] === undefined) {
          return [
            failed('proof', 'PROOF_MISSING', '展示没有持有者证明', 'The presentation has no holder proof'),
            skipped('issuerKey', '已跳过：没有持有者证明', 'Skipped: no holder proof'),
          ];
        }
        const result = await verifyDataIntegrity(vp, {
          crypto,
          publicKeyFor,
          expectedPurpose: 'authentication',
          ...(opts.challenge !== undefined ? { challenge: opts.challenge } : {}),
          ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
          now,
        });
        const proofResult = result.verified
          ? passed(
              'proof',
              `持有者证明有效：${result.message.zh}`,
              `The holder proof verifies: ${result.message.en}`,
              { proofs: result.proofs },
            )
          : failed('proof', result.code ?? 'PROOF_INVALID', result.message.zh, result.message.en, {
              proofs: result.proofs,
            });
        const holder = vp['holder'];
        const holderId =
          typeof holder === 'string'
            ? holder
            : isObject(holder) && typeof holder['id'] === 'string'
              ? holder['id']
              : undefined;
        const vms = result.proofs.filter((p) => p.status !== 'ignored' && p.verificationMethod !== undefined);
        if (vms.length === 0)
          return [
            proofResult,
            skipped('issuerKey', '已跳过：没有可检查的持有者证明', 'Skipped: no holder proof to check'),
          ];
        for (const p of vms) {
          const vm = p.verificationMethod as string;
          const info = await resolveKey(vm);
          const expected = holderId ?? (info.ok ? info.controller : undefined);
          const problem = keyBindingProblem(info, vm, expected, 'authentication', {
            zh: '持有者',
            en: 'holder',
          });
          if (problem !== undefined)
            return [proofResult, failed('issuerKey', problem.code, problem.message.zh, problem.message.en)];
        }
        return [
          proofResult,
          passed('issuerKey', '持有者密钥用于身份验证', "The holder's key is an authentication key", {
            verificationMethods: vms.map((p) => p.verificationMethod),
          }),
        ];
      });
      const credentials: VerificationResult[] = [];
      for (const vc of asArray(vp['verifiableCredential'])) {
        const embedded = envelopedJws(vc) ?? vc;
        credentials.push(await verifyCredential(embedded, opts.checks ? { checks: opts.checks } : {}));
      }
      const checks = [shapeCheckResult, proofCheckResult, holderCheck];
      return {
        verified: checks.every((c) => c.status === 'passed') && credentials.every((c) => c.verified),
        checks,
        credentials,
        presentation: vp,
      };
    } catch (e) {
      return {
        verified: false,
        checks: [internalError('shape', e)],
        credentials: [],
      };
    }
  }

  return { verifyCredential, verifyPresentation };
}

async function guardedPair(body: () => Promise<[Check, Check]>): Promise<[Check, Check]> {
  try {
    return await body();
  } catch (e) {
    return [internalError('proof', e), internalError('issuerKey', e)];
  }
}

/** parseStatusEntry, with any exception (e.g. a value that cannot become text) as MALFORMED_VALUE_ERROR. */
function safeParseStatusEntry(entry: unknown): ReturnType<typeof parseStatusEntry> {
  try {
    return parseStatusEntry(entry);
  } catch (e) {
    return {
      ok: false,
      problem: {
        code: 'MALFORMED_VALUE_ERROR',
        text: { zh: `credentialStatus 格式错误：${show(e)}`, en: `Malformed credentialStatus: ${show(e)}` },
        details: {},
      },
    };
  }
}

/**
 * The status bit of a well-formed entry, read directly; anything unusual goes through
 * `checkStatusWithList` for its precise problem code. (Avoids re-parsing the entry's URL per call.)
 */
function bitOf(entry: JsonObject, list: ParsedStatusListCredential): ReturnType<typeof checkStatusWithList> {
  const purpose = entry['statusPurpose'];
  const index = parseStatusListIndex(entry['statusListIndex']);
  if (
    isStatusPurpose(purpose) &&
    index !== undefined &&
    (entry['statusSize'] === undefined || entry['statusSize'] === 1) &&
    list.statusPurposes.includes(purpose) &&
    index < list.list.length
  ) {
    return { ok: true, status: list.list.get(index), statusPurpose: purpose, statusListIndex: index };
  }
  return checkStatusWithList(entry, list);
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] as number).toString(16).padStart(2, '0');
  return out;
}

/** A status-list problem as a verification code (STATUS_LIST_FULL is an issuance error, never seen here). */
function statusCode(problem: StatusProblem): VerificationCode {
  return problem.code === 'STATUS_LIST_FULL' ? 'STATUS_VERIFICATION_ERROR' : problem.code;
}

function isVc11(credential: JsonObject): boolean {
  const context = credential['@context'];
  return (Array.isArray(context) ? context[0] : context) === VC1_CONTEXT;
}

/** The compact JWS of an EnvelopedVerifiableCredential (`data:application/vc+jwt,…`), if it is one. */
function envelopedJws(vc: unknown): string | undefined {
  if (!isObject(vc) || !hasType(vc['type'], 'EnvelopedVerifiableCredential')) return undefined;
  const id = vc['id'];
  if (typeof id !== 'string') return undefined;
  const match = /^data:application\/(?:vc\+jwt|vc-ld\+jwt|jwt)(?:;[^,]*)?,(.*)$/.exec(id);
  return match?.[1];
}
