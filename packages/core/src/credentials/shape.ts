/**
 * The shape of a credential or presentation, checked before any cryptography:
 *
 * - an OB 3.0 AchievementCredential / OpenBadgeCredential (VC 2.0) against the 1EdTech JSON Schema
 *   (`schema/achievementcredential.json`, draft 2019-09), an EndorsementCredential against that schema's
 *   `$defs/EndorsementCredential`; both also against the VC 2.0 base rules below;
 * - any other VC 2.0 credential (a status list, the trust list, a W3C test vector, a CLR) against the
 *   VC Data Model 2.0 base rules (https://www.w3.org/TR/vc-data-model-2.0/#basic-concepts);
 * - a VC 1.1 credential (`https://www.w3.org/2018/credentials/v1`, kept for legacy OB 3.0 samples,
 *   verification only) against the VC 1.1 base rules.
 *
 * The JSON Schema types `proof`, `evidence`, `credentialSchema`, `type`, `@context`, … as arrays, while
 * JSON-LD lets a single value stand for a one-element set (STANDARDS.md §1, "the arrays trap"). So the
 * credential is first normalized — guided by the schema itself, a single value is wrapped wherever the
 * schema wants an array — and the schema is never loosened. Never throws.
 */
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { JsonObject } from './credential.model.ts';
import achievementCredentialSchema from './schema/achievementcredential.json' with { type: 'json' };

/** One problem with the shape, at a JSON Pointer-like path (`/credentialSubject/achievement/name`). */
export interface ShapeError {
  path: string;
  message: string;
}

/** Which rule set a document was checked against. */
export type ShapeProfile = 'ob30-achievement' | 'ob30-endorsement' | 'vc20' | 'vc11' | 'vp20' | 'unknown';

/** The outcome of a shape check; never an exception. */
export interface ShapeResult {
  ok: boolean;
  profile: ShapeProfile;
  errors: ShapeError[];
}

/** The base context of VC Data Model 2.0; MUST be the first `@context` item. */
export const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** The base context of VC Data Model 1.1 (legacy, verification only). */
export const VC1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

// ---------------------------------------------------------------------------------------------
// Small JSON helpers (exported for the other files of the module)
// ---------------------------------------------------------------------------------------------

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of a JSON-LD set: `[]` for undefined, `[v]` for a single value, the array itself. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `true` when `type` (a string or an array of strings) includes `name`. */
export function hasType(value: unknown, name: string): boolean {
  return value === name || (Array.isArray(value) && value.includes(name));
}

// Same shape as jsonld's absolute-IRI test: a scheme, a colon, no whitespace.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

/** An absolute URI (`https://…`, `did:…`, `urn:…`): a scheme, a colon, no whitespace. */
export function isAbsoluteUri(value: unknown): value is string {
  return typeof value === 'string' && ABSOLUTE_URI.test(value);
}

/**
 * Any value as short text for a message, never throwing (a null-prototype object, a BigInt or a
 * cycle would make `String()` or `JSON.stringify` throw).
 */
export function show(value: unknown, max = 200): string {
  try {
    const text =
      typeof value === 'string'
        ? value
        : value instanceof Error
          ? value.message
          : (JSON.stringify(value) ?? typeof value);
    return text.slice(0, max);
  } catch {
    return typeof value;
  }
}

/** The issuer's id: `issuer` itself when a string, `issuer.id` when an object; else undefined. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential['issuer'];
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer['id'] === 'string') return issuer['id'];
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DATE_TIME =
  /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

/**
 * Parse an XML Schema `dateTime` (https://www.w3.org/TR/xmlschema11-2/#dateTime) to epoch
 * milliseconds; `undefined` when malformed or out of range. With `requireTimezone` it accepts only a
 * `dateTimeStamp` (VC 2.0 `validFrom` / `validUntil`); a dateTime without a timezone is read as UTC.
 */
export function parseDateTime(value: unknown, requireTimezone = false): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const m = DATE_TIME.exec(value);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const tz = m[8];
  if (tz === undefined && requireTimezone) return undefined;
  if (month < 1 || month > 12 || day < 1 || minute > 59 || second > 59) return undefined;
  // 24:00:00 is the end of a day in XSD 1.1; any other time needs hour ≤ 23.
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(m[7] ?? '')))) {
    return undefined;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!)) return undefined;
  let offset = 0;
  if (tz !== undefined && tz !== 'Z') {
    const tzh = Number(tz.slice(1, 3));
    const tzm = Number(tz.slice(4, 6));
    if (tzh > 14 || tzm > 59 || (tzh === 14 && tzm !== 0)) return undefined;
    offset = (tz[0] === '-' ? -1 : 1) * (tzh * 60 + tzm) * 60_000;
  }
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  let ms: number;
  if (year >= 100) {
    ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset;
  } else {
    // Date.UTC reads years 0–99 as 1900–1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, fraction);
    ms = date.getTime() - offset;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

// ---------------------------------------------------------------------------------------------
// The OB 3.0 JSON Schema: compiled once, lazily
// ---------------------------------------------------------------------------------------------

type AjvErrorLike = { instancePath: string; message?: string; params?: Record<string, unknown> };
type Validate = ((data: unknown) => boolean) & { errors?: AjvErrorLike[] | null };
interface Validators {
  achievementFast: Validate;
  endorsementFast: Validate;
  achievementAll: () => Validate;
  endorsementAll: () => Validate;
  /** One credentialStatus entry (OB 3.0 `$defs/CredentialStatus`). */
  status: Validate;
}

type AjvConstructor = new (
  options: Record<string, unknown>,
) => {
  compile(schema: unknown): Validate;
  addSchema(schema: unknown): unknown;
  getSchema(ref: string): Validate | undefined;
};
// ajv and ajv-formats are CommonJS: the class is both `module.exports` and its `default`.
const Ajv2019 = ((Ajv2019Module as unknown as { default?: AjvConstructor }).default ??
  Ajv2019Module) as unknown as AjvConstructor;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: unknown,
) => void;

const SCHEMA = achievementCredentialSchema as unknown as JsonObject;
const SCHEMA_ID = SCHEMA['$id'] as string;

let validators: Validators | undefined;

function compileValidators(): Validators {
  const make = (allErrors: boolean) => {
    const ajv = new Ajv2019({ allErrors, strict: false, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema(SCHEMA);
    const achievement = ajv.getSchema(SCHEMA_ID);
    const endorsement = ajv.getSchema(`${SCHEMA_ID}#/$defs/EndorsementCredential`);
    const status = ajv.getSchema(`${SCHEMA_ID}#/$defs/CredentialStatus`);
    if (achievement === undefined || endorsement === undefined || status === undefined) {
      throw new Error('The OB 3.0 JSON Schema did not compile');
    }
    return { achievement, endorsement, status };
  };
  const fast = make(false);
  let all: { achievement: Validate; endorsement: Validate; status: Validate } | undefined;
  const full = () => {
    all ??= make(true);
    return all;
  };
  return {
    achievementFast: fast.achievement,
    endorsementFast: fast.endorsement,
    status: full().status,
    achievementAll: () => full().achievement,
    endorsementAll: () => full().endorsement,
  };
}

function getValidators(): Validators {
  validators ??= compileValidators();
  return validators;
}

/**
 * Compile the OB 3.0 JSON Schema now rather than on the first verification (a server calls this at
 * start-up so that the first request is not slower).
 */
export function warmUpShape(): void {
  getValidators();
  getPlans();
}

// ---------------------------------------------------------------------------------------------
// Schema-guided normalization: single values → one-element arrays where the schema wants arrays
// ---------------------------------------------------------------------------------------------

interface Plan {
  /** The schema wants an array: wrap a single value. */
  wrap: boolean;
  /** The schema wants an object: unwrap a one-element array holding one (JSON-LD treats both alike). */
  unwrap: boolean;
  props: Map<string, Plan>;
  items: Plan | undefined;
  /** `$ref`, `allOf`, `oneOf`, `anyOf` members, merged in by {@link buildPlans} once all plans exist. */
  alts: Plan[];
}

function buildPlans(): { achievement: Plan; endorsement: Plan } {
  const defs = (SCHEMA['$defs'] ?? {}) as Record<string, JsonObject>;
  const byDef = new Map<string, Plan>();
  const all: Plan[] = [];
  const newPlan = (): Plan => {
    const plan: Plan = { wrap: false, unwrap: false, props: new Map(), items: undefined, alts: [] };
    all.push(plan);
    return plan;
  };

  const defPlan = (ref: string): Plan | undefined => {
    const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
    if (name === undefined || defs[name] === undefined) return undefined;
    let plan = byDef.get(name);
    if (plan === undefined) {
      // Registered before filling: the schema is recursive (Profile → endorsement → … → Profile).
      plan = newPlan();
      byDef.set(name, plan);
      fill(plan, defs[name]);
    }
    return plan;
  };

  const planOf = (node: unknown): Plan => {
    const plan = newPlan();
    fill(plan, node);
    return plan;
  };

  function fill(plan: Plan, node: unknown): void {
    if (!isObject(node)) return;
    if (typeof node['$ref'] === 'string') {
      const target = defPlan(node['$ref']);
      if (target !== undefined) plan.alts.push(target);
    }
    if (node['type'] === 'array') plan.wrap = true;
    if (node['type'] === 'object') plan.unwrap = true;
    const properties = node['properties'];
    if (isObject(properties)) {
      for (const [key, sub] of Object.entries(properties)) plan.props.set(key, planOf(sub));
    }
    const items = node['items'];
    if (isObject(items)) plan.items = planOf(items);
    for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = node[combinator];
      if (Array.isArray(list)) for (const sub of list) plan.alts.push(planOf(sub));
    }
  }

  const achievement = planOf(SCHEMA);
  const endorsement = defPlan('#/$defs/EndorsementCredential') ?? planOf({});

  // Merge each plan's alternatives into it (transitively), now that every def is complete.
  const flat = new Map<
    Plan,
    { wrap: boolean; unwrap: boolean; props: Map<string, Plan>; items: Plan | undefined }
  >();
  const flatten = (plan: Plan, seen: Set<Plan>) => {
    const out = { wrap: plan.wrap, unwrap: plan.unwrap, props: new Map(plan.props), items: plan.items };
    seen.add(plan);
    for (const alt of plan.alts) {
      if (seen.has(alt)) continue;
      const f = flatten(alt, seen);
      out.wrap ||= f.wrap;
      out.unwrap ||= f.unwrap;
      for (const [k, p] of f.props) if (!out.props.has(k)) out.props.set(k, p);
      out.items ??= f.items;
    }
    return out;
  };
  for (const plan of all) flat.set(plan, flatten(plan, new Set()));
  for (const [plan, f] of flat) {
    plan.wrap = f.wrap;
    // A schema that allows both an array and an object is left alone.
    plan.unwrap = f.unwrap && !f.wrap;
    plan.props = f.props;
    plan.items = f.items;
    plan.alts = [];
  }
  return { achievement, endorsement };
}

let plans: { achievement: Plan; endorsement: Plan } | undefined;
function getPlans(): { achievement: Plan; endorsement: Plan } {
  plans ??= buildPlans();
  return plans;
}

/** Copy-on-write: objects and arrays are copied only along the paths that change. */
function applyPlan(value: unknown, plan: Plan, depth: number): unknown {
  if (depth > 64) return value;
  let v = value;
  if (plan.wrap && v !== undefined && v !== null && !Array.isArray(v)) v = [v];
  else if (plan.unwrap && Array.isArray(v) && v.length === 1 && isObject(v[0])) v = v[0];
  if (Array.isArray(v)) {
    const itemPlan = plan.items;
    if (itemPlan === undefined) return v;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const next = applyPlan(v[i], itemPlan, depth + 1);
      if (next !== v[i]) {
        out ??= v.slice();
        out[i] = next;
      }
    }
    return out ?? v;
  }
  if (isObject(v) && plan.props.size > 0) {
    let out: JsonObject | undefined;
    for (const key in v) {
      const sub = plan.props.get(key);
      if (sub === undefined) continue;
      const next = applyPlan(v[key], sub, depth + 1);
      if (next !== v[key]) {
        out ??= { ...v };
        out[key] = next as JsonObject[string];
      }
    }
    return out ?? v;
  }
  return v;
}

/**
 * The credential with every single value wrapped in a one-element array where the OB 3.0 JSON
 * Schema wants an array, and every one-element array holding an object unwrapped where it wants an
 * object (JSON-LD treats a single value and a one-element set the same; two `credentialStatus`
 * entries, say, still fail). Returns the input itself when nothing changes; never mutates it.
 */
export function normalizeForSchema(
  credential: JsonObject,
  kind: 'achievement' | 'endorsement' = 'achievement',
): JsonObject {
  return applyPlan(credential, getPlans()[kind], 0) as JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Base rules of VC Data Model 2.0 / 1.1
// ---------------------------------------------------------------------------------------------

const LANGUAGE_VALUE_KEYS = new Set(['@value', '@language', '@direction']);

function checkLanguageText(value: unknown, path: string, errors: ShapeError[]): void {
  if (value === undefined) return;
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) errors.push({ path, message: 'must not be an empty array' });
  items.forEach((item, i) => {
    const at = Array.isArray(value) ? `${path}/${i}` : path;
    if (typeof item === 'string') return;
    if (!isObject(item)) {
      errors.push({ path: at, message: 'must be a string or a language value object' });
      return;
    }
    if (typeof item['@value'] !== 'string') {
      errors.push({ path: at, message: 'a language value object needs a string @value' });
    }
    for (const key of Object.keys(item)) {
      if (!LANGUAGE_VALUE_KEYS.has(key)) {
        errors.push({ path: `${at}/${key}`, message: 'is not allowed in a language value object' });
      }
    }
    if (item['@language'] !== undefined && typeof item['@language'] !== 'string') {
      errors.push({ path: `${at}/@language`, message: 'must be a string' });
    }
    if (item['@direction'] !== undefined && item['@direction'] !== 'ltr' && item['@direction'] !== 'rtl') {
      errors.push({ path: `${at}/@direction`, message: "must be 'ltr' or 'rtl'" });
    }
  });
}

function checkTypeValue(value: unknown, path: string, errors: ShapeError[], required: boolean): void {
  if (value === undefined) {
    if (required) errors.push({ path, message: 'is required' });
    return;
  }
  const ok =
    (typeof value === 'string' && value.length > 0) ||
    (Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string' && t.length > 0));
  if (!ok) errors.push({ path, message: 'must be a non-empty string or array of strings' });
}

function checkOptionalId(value: unknown, path: string, errors: ShapeError[]): void {
  if (value === undefined) return;
  if (!isAbsoluteUri(value)) errors.push({ path, message: 'must be a single absolute URL' });
}

function checkContext(context: unknown, base: string, errors: ShapeError[]): void {
  const items = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(items) || items.length === 0) {
    errors.push({ path: '/@context', message: 'is required and must be an array' });
    return;
  }
  if (items[0] !== base) errors.push({ path: '/@context/0', message: `must be ${base}` });
  items.forEach((item, i) => {
    if (typeof item === 'string') {
      if (!isAbsoluteUri(item)) errors.push({ path: `/@context/${i}`, message: 'must be a URL' });
    } else if (!isObject(item)) {
      errors.push({ path: `/@context/${i}`, message: 'must be a URL or a context object' });
    }
  });
}

/** Objects that VC 2.0 requires to carry a `type` (and, for some, an `id`). */
const TYPED_MEMBERS: { key: string; needsId: boolean; idMustBeUrl: boolean }[] = [
  { key: 'credentialStatus', needsId: false, idMustBeUrl: true },
  { key: 'credentialSchema', needsId: true, idMustBeUrl: true },
  { key: 'evidence', needsId: false, idMustBeUrl: false },
  { key: 'termsOfUse', needsId: false, idMustBeUrl: false },
  { key: 'refreshService', needsId: false, idMustBeUrl: false },
  { key: 'proof', needsId: false, idMustBeUrl: false },
];

function checkTypedMembers(credential: JsonObject, errors: ShapeError[]): void {
  for (const { key, needsId, idMustBeUrl } of TYPED_MEMBERS) {
    const value = credential[key];
    if (value === undefined) continue;
    const items = asArray(value);
    items.forEach((item, i) => {
      const at = Array.isArray(value) ? `/${key}/${i}` : `/${key}`;
      if (!isObject(item)) {
        errors.push({ path: at, message: 'must be an object' });
        return;
      }
      checkTypeValue(item['type'], `${at}/type`, errors, true);
      if (needsId && item['id'] === undefined) errors.push({ path: `${at}/id`, message: 'is required' });
      if (idMustBeUrl) checkOptionalId(item['id'], `${at}/id`, errors);
      else if (item['id'] !== undefined && typeof item['id'] !== 'string') {
        errors.push({ path: `${at}/id`, message: 'must be a string' });
      }
    });
  }
}

function checkIssuer(issuer: unknown, errors: ShapeError[]): void {
  if (issuer === undefined) {
    errors.push({ path: '/issuer', message: 'is required' });
  } else if (typeof issuer === 'string') {
    if (!isAbsoluteUri(issuer)) errors.push({ path: '/issuer', message: 'must be a URL' });
  } else if (isObject(issuer)) {
    if (!isAbsoluteUri(issuer['id'])) errors.push({ path: '/issuer/id', message: 'must be a URL' });
    checkLanguageText(issuer['name'], '/issuer/name', errors);
    checkLanguageText(issuer['description'], '/issuer/description', errors);
  } else {
    errors.push({ path: '/issuer', message: 'must be a URL or an object with an id' });
  }
}

function checkSubjects(subject: unknown, errors: ShapeError[]): void {
  if (subject === undefined) {
    errors.push({ path: '/credentialSubject', message: 'is required' });
    return;
  }
  const items = asArray(subject);
  if (items.length === 0) errors.push({ path: '/credentialSubject', message: 'must not be empty' });
  items.forEach((item, i) => {
    const at = Array.isArray(subject) ? `/credentialSubject/${i}` : '/credentialSubject';
    if (!isObject(item)) {
      errors.push({ path: at, message: 'must be an object' });
      return;
    }
    if (Object.keys(item).length === 0) errors.push({ path: at, message: 'must make at least one claim' });
    checkOptionalId(item['id'], `${at}/id`, errors);
  });
}

/**
 * VC Data Model 2.0 base rules (https://www.w3.org/TR/vc-data-model-2.0/#basic-concepts): `@context`
 * starts with the v2 context and holds URLs or objects; `type` includes VerifiableCredential; `id` a
 * URL; `issuer` a URL or an object with a URL `id`; `credentialSubject` present, each subject making a
 * claim; `validFrom` / `validUntil` dateTimeStamps in order; `name` / `description` strings or
 * language value objects; status, schema, evidence, terms of use, refresh service and proof carry a
 * `type` (a schema also an `id`).
 */
export function checkVc20Rules(credential: JsonObject): ShapeError[] {
  const errors: ShapeError[] = [];
  checkContext(credential['@context'], VC2_CONTEXT, errors);
  checkTypeValue(credential['type'], '/type', errors, true);
  if (!hasType(credential['type'], 'VerifiableCredential')) {
    errors.push({ path: '/type', message: 'must include VerifiableCredential' });
  }
  checkOptionalId(credential['id'], '/id', errors);
  checkIssuer(credential['issuer'], errors);
  checkSubjects(credential['credentialSubject'], errors);
  checkLanguageText(credential['name'], '/name', errors);
  checkLanguageText(credential['description'], '/description', errors);
  const from = credential['validFrom'];
  const until = credential['validUntil'];
  const fromMs = from === undefined ? undefined : parseDateTime(from, true);
  const untilMs = until === undefined ? undefined : parseDateTime(until, true);
  if (from !== undefined && fromMs === undefined) {
    errors.push({ path: '/validFrom', message: 'must be an XML Schema dateTimeStamp' });
  }
  if (until !== undefined && untilMs === undefined) {
    errors.push({ path: '/validUntil', message: 'must be an XML Schema dateTimeStamp' });
  }
  if (fromMs !== undefined && untilMs !== undefined && untilMs < fromMs) {
    errors.push({ path: '/validUntil', message: 'must not be before validFrom' });
  }
  checkTypedMembers(credential, errors);
  return errors;
}

/**
 * VC Data Model 1.1 base rules (https://www.w3.org/TR/vc-data-model-1.1/): the v1 context first,
 * `type` includes VerifiableCredential, `issuer`, `issuanceDate` (xsd:dateTime), optional
 * `expirationDate`, `credentialSubject`. Used for legacy OB 3.0 samples, verification only.
 */
export function checkVc11Rules(credential: JsonObject): ShapeError[] {
  const errors: ShapeError[] = [];
  checkContext(credential['@context'], VC1_CONTEXT, errors);
  checkTypeValue(credential['type'], '/type', errors, true);
  if (!hasType(credential['type'], 'VerifiableCredential')) {
    errors.push({ path: '/type', message: 'must include VerifiableCredential' });
  }
  checkOptionalId(credential['id'], '/id', errors);
  checkIssuer(credential['issuer'], errors);
  checkSubjects(credential['credentialSubject'], errors);
  if (parseDateTime(credential['issuanceDate']) === undefined) {
    errors.push({ path: '/issuanceDate', message: 'is required and must be an XML Schema dateTime' });
  }
  const expiration = credential['expirationDate'];
  if (expiration !== undefined && parseDateTime(expiration) === undefined) {
    errors.push({ path: '/expirationDate', message: 'must be an XML Schema dateTime' });
  }
  return errors;
}

/** `true` for an OB 3.0 AchievementCredential (`AchievementCredential` or `OpenBadgeCredential`). */
export function isAchievementCredential(credential: JsonObject): boolean {
  const type = credential['type'];
  return hasType(type, 'AchievementCredential') || hasType(type, 'OpenBadgeCredential');
}

function firstContext(credential: JsonObject): unknown {
  const context = credential['@context'];
  return Array.isArray(context) ? context[0] : context;
}

function schemaErrors(validate: Validate): ShapeError[] {
  return (validate.errors ?? []).slice(0, 50).map((e) => ({
    path: e.instancePath === '' ? '/' : e.instancePath,
    message: e.message ?? 'is invalid',
  }));
}

/**
 * Check a credential's shape. OB 3.0 AchievementCredentials (VC 2.0) must satisfy the OB 3.0 JSON
 * Schema (after normalizing single values to arrays) and the VC 2.0 base rules; EndorsementCredentials
 * the schema's EndorsementCredential definition and the base rules; other VC 2.0 credentials the base
 * rules; VC 1.1 credentials the VC 1.1 base rules. Never throws.
 */
export function checkCredentialShape(input: unknown): ShapeResult {
  if (!isObject(input)) {
    return { ok: false, profile: 'unknown', errors: [{ path: '/', message: 'must be a JSON object' }] };
  }
  const base = firstContext(input);
  if (base === VC1_CONTEXT) {
    const errors = checkVc11Rules(input);
    return { ok: errors.length === 0, profile: 'vc11', errors };
  }
  const errors = checkVc20Rules(input);
  const isAchievement = isAchievementCredential(input);
  const isEndorsement = !isAchievement && hasType(input['type'], 'EndorsementCredential');
  if (!isAchievement && !isEndorsement) return { ok: errors.length === 0, profile: 'vc20', errors };

  const kind = isAchievement ? 'achievement' : 'endorsement';
  const profile: ShapeProfile = isAchievement ? 'ob30-achievement' : 'ob30-endorsement';
  // VC 2.0 lets a credential carry several status entries (OneX: revocation and suspension); the
  // OB 3.0 schema types `credentialStatus` as one object. Each entry is checked against the
  // schema's CredentialStatus, and the rest of the credential with the first entry in place
  // (docs/decisions/0005-several-status-entries.md).
  const statuses = input['credentialStatus'];
  let subject = input;
  if (Array.isArray(statuses) && statuses.length > 1) {
    const v = getValidators();
    statuses.forEach((entry, i) => {
      if (!v.status(entry)) {
        for (const e of schemaErrors(v.status))
          errors.push({ path: `/credentialStatus/${i}${e.path === '/' ? '' : e.path}`, message: e.message });
      }
    });
    subject = { ...input, credentialStatus: statuses[0] as JsonObject[string] };
  }
  const normalized = normalizeForSchema(subject, kind);
  const v = getValidators();
  const fast = isAchievement ? v.achievementFast : v.endorsementFast;
  if (!fast(normalized)) {
    const all = isAchievement ? v.achievementAll() : v.endorsementAll();
    all(normalized);
    errors.push(...schemaErrors(all));
    if (errors.length === 0) errors.push(...schemaErrors(fast));
  }
  return { ok: errors.length === 0, profile, errors };
}

/**
 * VC Data Model 2.0 presentation rules (https://www.w3.org/TR/vc-data-model-2.0/#presentations):
 * `@context` starts with the v2 context; `type` includes VerifiablePresentation; `id` a URL; `holder`
 * a URL or an object with a URL `id`; each `verifiableCredential` an object whose `type` includes
 * VerifiableCredential or EnvelopedVerifiableCredential (a JWT string there is not allowed). The
 * embedded credentials are checked in full by the verifier, one by one. Never throws.
 */
export function checkPresentationShape(input: unknown): ShapeResult {
  if (!isObject(input)) {
    return { ok: false, profile: 'unknown', errors: [{ path: '/', message: 'must be a JSON object' }] };
  }
  const errors: ShapeError[] = [];
  checkContext(input['@context'], VC2_CONTEXT, errors);
  checkTypeValue(input['type'], '/type', errors, true);
  if (!hasType(input['type'], 'VerifiablePresentation')) {
    errors.push({ path: '/type', message: 'must include VerifiablePresentation' });
  }
  checkOptionalId(input['id'], '/id', errors);
  const holder = input['holder'];
  if (holder !== undefined) {
    if (typeof holder === 'string') {
      if (!isAbsoluteUri(holder)) errors.push({ path: '/holder', message: 'must be a URL' });
    } else if (!isObject(holder) || !isAbsoluteUri(holder['id'])) {
      errors.push({ path: '/holder', message: 'must be a URL or an object with a URL id' });
    }
  }
  const credentials = input['verifiableCredential'];
  asArray(credentials).forEach((vc, i) => {
    const at = Array.isArray(credentials) ? `/verifiableCredential/${i}` : '/verifiableCredential';
    if (!isObject(vc)) {
      errors.push({ path: at, message: 'must be an object (a credential or an enveloped credential)' });
      return;
    }
    const type = vc['type'];
    if (!hasType(type, 'VerifiableCredential') && !hasType(type, 'EnvelopedVerifiableCredential')) {
      errors.push({
        path: `${at}/type`,
        message: 'must include VerifiableCredential or EnvelopedVerifiableCredential',
      });
    }
    if (
      hasType(type, 'EnvelopedVerifiableCredential') &&
      !(typeof vc['id'] === 'string' && vc['id'].startsWith('data:'))
    ) {
      errors.push({ path: `${at}/id`, message: 'an enveloped credential needs a data: URL id' });
    }
  });
  asArray(input['proof']).forEach((proof, i) => {
    if (!isObject(proof) || proof['type'] === undefined) {
      errors.push({ path: `/proof/${i}`, message: 'must be an object with a type' });
    }
  });
  return { ok: errors.length === 0, profile: 'vp20', errors };
}
