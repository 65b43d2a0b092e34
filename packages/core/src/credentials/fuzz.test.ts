/**
 * The verifier never throws, never reports INTERNAL_ERROR, and codes every failure — whatever it is
 * given: random JSON, mutations of valid signed credentials (deleted, retyped, duplicated fields,
 * huge strings, deep nesting, bogus proofs), non-JSON text and truncated JWS.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOneXFixture, ISSUER_DID, type OneXFixture } from './bench-verify.ts';
import type { Check, JsonObject } from './credential.model.ts';
import { signVcJwt } from './jwt.ts';
import type { Verifier } from './verifier.ts';

let fx: OneXFixture;
let verifier: Verifier;
let jcsSigned: JsonObject;
let rdfcSigned: JsonObject;
let jws: string;

beforeAll(async () => {
  fx = await createOneXFixture();
  verifier = fx.verifier();
  jcsSigned = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-jcs-2022' });
  rdfcSigned = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-rdfc-2022' });
  jws = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey1, kid: `${ISSUER_DID}#key-1` });
});

let runs = 0;

function assertWellFormed(checks: Check[]): void {
  for (const c of checks) {
    expect(c.code, JSON.stringify(c)).not.toBe('INTERNAL_ERROR');
    if (c.status === 'failed') expect(typeof c.code, JSON.stringify(c)).toBe('string');
    expect(['passed', 'failed', 'skipped']).toContain(c.status);
    expect(typeof c.message.zh).toBe('string');
    expect(typeof c.message.en).toBe('string');
  }
}

async function verifyNeverBreaks(input: unknown): Promise<boolean> {
  runs++;
  const result = await verifier.verifyCredential(input);
  expect(result.checks).toHaveLength(8);
  assertWellFormed(result.checks);
  expect(typeof result.verified).toBe('boolean');
  if (result.verified) expect(result.checks.find((c) => c.name === 'proof')?.status).toBe('passed');
  return result.verified;
}

/** Every path (list of keys) to a value inside a JSON value. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...prefix, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

type Op = 'delete' | 'retype' | 'duplicate' | 'huge' | 'deep' | 'bogusProof' | 'emptyContainer';

function mutate(doc: JsonObject, path: (string | number)[], op: Op, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) {
    return op === 'retype' ? value : op === 'duplicate' ? [copy, copy] : copy;
  }
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  switch (op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'retype':
      parent[key] = value;
      break;
    case 'duplicate':
      parent[key] = [parent[key], parent[key]];
      break;
    case 'huge':
      parent[key] = 'x'.repeat(200_000);
      break;
    case 'deep': {
      let nested: unknown = parent[key];
      for (let i = 0; i < 120; i++) nested = { n: nested };
      parent[key] = nested;
      break;
    }
    case 'emptyContainer':
      parent[key] = Array.isArray(parent[key]) ? [] : {};
      break;
    case 'bogusProof':
      copy['proof'] = value;
      break;
  }
  return copy;
}

const bogusProof = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      type: fc.constantFrom('DataIntegrityProof', 'Ed25519Signature2020', 'x', 7),
      cryptosuite: fc.constantFrom('eddsa-rdfc-2022', 'eddsa-jcs-2022', 'eddsa-2022', 'bbs-2023', ''),
      verificationMethod: fc.oneof(
        fc.constantFrom(`${ISSUER_DID}#key-1`, 'did:key:z6Mk', 'https://x.example/#k', 'relative', ''),
        fc.string(),
      ),
      proofPurpose: fc.constantFrom('assertionMethod', 'authentication', 'x'),
      proofValue: fc.oneof(fc.string(), fc.constantFrom('z', 'z1111', `z${'2'.repeat(88)}`, 'u123')),
      created: fc.oneof(
        fc.constantFrom('2025-01-01T00:00:00Z', 'yesterday', '2025-02-30T00:00:00Z'),
        fc.string(),
      ),
      previousProof: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
      '@context': fc.oneof(fc.string(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);

describe('fuzzing verifyCredential', () => {
  it('survives random JSON values and their JSON text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        await verifyNeverBreaks(value);
        await verifyNeverBreaks(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('survives random objects shaped like credentials', async () => {
    const credentialish = fc.record(
      {
        '@context': fc.oneof(
          fc.constant([
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ]),
          fc.array(fc.oneof(fc.webUrl(), fc.jsonValue()), { maxLength: 3 }),
          fc.jsonValue(),
        ),
        type: fc.oneof(fc.constant(['VerifiableCredential', 'OpenBadgeCredential']), fc.jsonValue()),
        issuer: fc.oneof(fc.constant(ISSUER_DID), fc.record({ id: fc.jsonValue() }), fc.jsonValue()),
        validFrom: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.jsonValue(),
        ),
        credentialSubject: fc.jsonValue(),
        credentialStatus: fc.oneof(
          fc.record({
            type: fc.constant('BitstringStatusListEntry'),
            statusPurpose: fc.constantFrom('revocation', 'suspension', 'refresh', 'bogus'),
            statusListIndex: fc.oneof(fc.nat().map(String), fc.jsonValue()),
            statusListCredential: fc.oneof(fc.webUrl(), fc.jsonValue()),
          }),
          fc.jsonValue(),
        ),
        proof: bogusProof,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(credentialish, async (value) => {
        await verifyNeverBreaks(value);
      }),
      { numRuns: 500 },
    );
  });

  for (const suite of ['jcs', 'rdfc'] as const) {
    it(`survives mutations of a valid signed credential (${suite})`, async () => {
      const signed = () => (suite === 'jcs' ? jcsSigned : rdfcSigned);
      const allPaths = () => paths(signed());
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.constantFrom<Op>(
            'delete',
            'retype',
            'duplicate',
            'huge',
            'deep',
            'bogusProof',
            'emptyContainer',
          ),
          fc.oneof(fc.jsonValue({ maxDepth: 3 }), bogusProof),
          async (n, op, value) => {
            const list = allPaths();
            const path = list[n % list.length] as (string | number)[];
            const mutated = mutate(signed(), path, op, value);
            const verified = await verifyNeverBreaks(mutated);
            // A change inside the signed credential can never leave it verified (the proof or the
            // shape catches it); only JSON-LD-neutral changes could, and these ops make none.
            const changed = JSON.stringify(mutated) !== JSON.stringify(signed());
            if (changed && op !== 'duplicate') expect(verified).toBe(false);
          },
        ),
        { numRuns: suite === 'jcs' ? 800 : 500 },
      );
    });
  }

  it('survives text that is not JSON, truncated JSON and truncated or forged JWS', async () => {
    const text = JSON.stringify(jcsSigned);
    const inputs = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
      fc.nat({ max: jws.length }).map((n) => jws.slice(0, n)),
      fc
        .tuple(fc.base64String(), fc.base64String(), fc.base64String())
        .map((parts) =>
          parts.map((p) => p.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')).join('.'),
        ),
      fc
        .tuple(fc.nat({ max: jws.length - 1 }), fc.constantFrom('A', '-', '_', '.', '='))
        .map(([i, c]) => jws.slice(0, i) + c + jws.slice(i + 1)),
      fc.jsonValue().map((payload) => {
        const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${b64({ alg: 'EdDSA', kid: `${ISSUER_DID}#key-1` })}.${b64(payload)}.${b64('sig')}`;
      }),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        await verifyNeverBreaks(input);
      }),
      { numRuns: 500 },
    );
  });

  it('survives inputs that are not JSON data at all', async () => {
    const cyclic: Record<string, unknown> = { '@context': ['https://www.w3.org/ns/credentials/v2'] };
    cyclic['self'] = cyclic;
    for (const input of [
      undefined,
      null,
      42,
      Number.NaN,
      Symbol('x'),
      () => 1,
      new Date(0),
      new Map(),
      cyclic,
      { ...jcsSigned, validFrom: undefined },
      { ...jcsSigned, name: 10n },
      Object.create(null),
      [jcsSigned],
      `${'['.repeat(100_000)}`,
      `{${'"a":{'.repeat(50_000)}`,
      `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
    ]) {
      await verifyNeverBreaks(input);
    }
  });

  it('survives random presentations', async () => {
    const presentations = fc.record(
      {
        '@context': fc.oneof(fc.constant(['https://www.w3.org/ns/credentials/v2']), fc.jsonValue()),
        type: fc.oneof(fc.constant(['VerifiablePresentation']), fc.jsonValue()),
        holder: fc.jsonValue(),
        verifiableCredential: fc.oneof(
          fc.constant([jcsSigned]),
          fc.array(fc.oneof(fc.jsonValue(), fc.constant(jws)), { maxLength: 3 }),
          fc.jsonValue(),
        ),
        proof: bogusProof,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(presentations, fc.option(fc.string()), async (vp, challenge) => {
        runs++;
        const result = await verifier.verifyPresentation(vp, challenge === null ? {} : { challenge });
        assertWellFormed(result.checks);
        for (const credential of result.credentials) assertWellFormed(credential.checks);
        expect(result.verified).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('ran at least 3,000 generated inputs', () => {
    expect(runs).toBeGreaterThanOrEqual(3000);
  });
});
