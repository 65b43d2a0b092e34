import { beforeAll, describe, expect, it } from 'vitest';
import { didKeyVerificationMethodId, encodePublicKeyMultibase } from '../crypto/index.ts';
import { manualClock } from '../shared/index.ts';
import { BitstringStatusList } from '../status-list/index.ts';
import {
  CREDENTIAL_VALID_FROM,
  createOneXFixture,
  EXITED_ISSUER_DID,
  ISSUER_DID,
  type OneXFixture,
  REGULATOR_DID,
  REVOCATION_LIST_URL,
  TRUST_LIST_URL,
  UNLISTED_ISSUER_DID,
} from './bench-verify.ts';
import type { Check, CheckName, Cryptosuite, JsonObject, VerificationResult } from './credential.model.ts';
import type { VerifierSources } from './credential.ports.ts';
import { signVcJwt } from './jwt.ts';
import { signDataIntegrity } from './proof.ts';
import { bundleSources, cachedSources, withDidKey } from './sources.ts';
import {
  accreditedAt,
  certificateLevelFor,
  composeTrustListCredential,
  parseTrustList,
} from './trust-list.ts';
import { createVerifier } from './verifier.ts';

function checkOf(result: { checks: Check[] }, name: CheckName): Check {
  const found = result.checks.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no ${name} check`);
  return found;
}

function expectCheck(
  result: { checks: Check[] },
  name: CheckName,
  status: Check['status'],
  code?: string,
): void {
  const c = checkOf(result, name);
  expect({ name, status: c.status, code: c.code }, JSON.stringify(c)).toEqual({ name, status, code });
}

function failures(result: VerificationResult): string[] {
  return result.checks.filter((c) => c.status === 'failed').map((c) => `${c.name}:${c.code}`);
}

const clone = <T>(value: T): T => structuredClone(value);
const suites: Cryptosuite[] = ['eddsa-jcs-2022', 'eddsa-rdfc-2022'];

let fx: OneXFixture;
beforeAll(async () => {
  fx = await createOneXFixture();
});

describe('verifyCredential on a OneX AchievementCredential', () => {
  for (const cryptosuite of suites) {
    it(`passes every check for a credential signed with ${cryptosuite}`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const result = await fx.verifier().verifyCredential(signed);
      expect(failures(result)).toEqual([]);
      expect(result.verified).toBe(true);
      expect(result.format).toBe('data-integrity');
      expect(result.checks.map((c) => c.name)).toEqual([
        'shape',
        'proof',
        'issuerKey',
        'issuerAccredited',
        'catalog',
        'validity',
        'status',
        'logged',
      ]);
      for (const name of [
        'shape',
        'proof',
        'issuerKey',
        'issuerAccredited',
        'catalog',
        'validity',
        'status',
      ] as const) {
        expectCheck(result, name, 'passed');
      }
      const logged = checkOf(result, 'logged');
      expect(logged.status).toBe('skipped');
      expect(logged.message.en).toBe('transparency log check not configured');
      for (const c of result.checks) {
        expect(c.message.zh.length).toBeGreaterThan(0);
        expect(c.message.en.length).toBeGreaterThan(0);
      }
    });
  }

  it('accepts the credential as a JSON text', async () => {
    const signed = await fx.sign(fx.credential());
    const result = await fx.verifier().verifyCredential(JSON.stringify(signed));
    expect(result.verified).toBe(true);
  });

  it('verifies a credential signed before a rotation with the retired key-0, still listed in the DID document', async () => {
    const signed = await fx.sign(fx.credential(), { keyId: 'key-0' });
    const result = await fx.verifier().verifyCredential(signed);
    expect(failures(result)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('fails issuerKey when the signing key is no longer in the DID document', async () => {
    const signed = await fx.sign(fx.credential(), { keyId: 'key-0' });
    const doc = clone(fx.didDocuments[ISSUER_DID]) as JsonObject;
    doc['verificationMethod'] = (doc['verificationMethod'] as JsonObject[]).filter(
      (m) => m['id'] !== `${ISSUER_DID}#key-0`,
    );
    doc['assertionMethod'] = [`${ISSUER_DID}#key-1`];
    const verifier = fx.verifier({ bundle: { didDocuments: { ...fx.didDocuments, [ISSUER_DID]: doc } } });
    const result = await verifier.verifyCredential(signed);
    expect(result.verified).toBe(false);
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_KEY_NOT_FOUND');
    expectCheck(result, 'proof', 'failed', 'PROOF_KEY_UNRESOLVED');
  });

  it('fails issuerKey when the key is in the DID document but not an assertion method', async () => {
    const signed = await fx.sign(fx.credential());
    const doc = { ...(fx.didDocuments[ISSUER_DID] as JsonObject), assertionMethod: [`${ISSUER_DID}#key-0`] };
    const verifier = fx.verifier({ bundle: { didDocuments: { ...fx.didDocuments, [ISSUER_DID]: doc } } });
    const result = await verifier.verifyCredential(signed);
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_KEY_NOT_AUTHORIZED');
    expect(result.verified).toBe(false);
  });

  it('fails issuerKey when another organisation signed the credential', async () => {
    const signed = await fx.sign(fx.credential(), { did: UNLISTED_ISSUER_DID });
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_KEY_CONTROLLER_MISMATCH');
  });

  it('fails issuerKey when the DID document cannot be retrieved', async () => {
    const signed = await fx.sign(fx.credential());
    const sources: VerifierSources = {
      didDocument: async () => {
        throw new Error('connection refused');
      },
      statusListCredential: async (url) => fx.statusLists[url],
      trustListCredential: async () => fx.trustListCredential,
    };
    const result = await createVerifier({ crypto: fx.crypto, clock: fx.clock, sources }).verifyCredential(
      signed,
    );
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_DOCUMENT_UNAVAILABLE');
    expectCheck(result, 'proof', 'failed', 'PROOF_KEY_UNRESOLVED');
  });
});

describe('tampering with a signed credential', () => {
  type Tamper = {
    what: string;
    change: (c: JsonObject) => void;
    check: CheckName;
    code?: string;
    also?: [CheckName, string][];
  };
  const subject = (c: JsonObject) => c['credentialSubject'] as JsonObject;
  const achievement = (c: JsonObject) => subject(c)['achievement'] as JsonObject;
  const proofOf = (c: JsonObject) => c['proof'] as JsonObject;
  const tampers: Tamper[] = [
    {
      what: 'the name',
      change: (c) => {
        c['name'] = 'Forged';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'validFrom',
      change: (c) => {
        c['validFrom'] = '2025-02-01T08:00:00Z';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'a result value',
      change: (c) => {
        (subject(c)['result'] as JsonObject[])[2]!['value'] = '99';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the identityHash',
      change: (c) => {
        (subject(c)['identifier'] as JsonObject[])[0]!['identityHash'] = `sha256$${'0'.repeat(64)}`;
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'an alignment code',
      change: (c) => {
        (achievement(c)['alignment'] as JsonObject[])[1]!['targetCode'] = '4-04-05-02';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the proof created time',
      change: (c) => {
        proofOf(c)['created'] = '2025-03-01T08:00:06Z';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the verification method (to the retired key)',
      change: (c) => {
        proofOf(c)['verificationMethod'] = `${ISSUER_DID}#key-0`;
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the verification method (to an unknown key)',
      change: (c) => {
        proofOf(c)['verificationMethod'] = `${ISSUER_DID}#key-7`;
      },
      check: 'proof',
      code: 'PROOF_KEY_UNRESOLVED',
      also: [['issuerKey', 'ISSUER_KEY_NOT_FOUND']],
    },
    {
      what: 'the issuer id',
      change: (c) => {
        (c['issuer'] as JsonObject)['id'] = UNLISTED_ISSUER_DID;
      },
      check: 'proof',
      code: 'PROOF_INVALID',
      also: [
        ['issuerKey', 'ISSUER_KEY_CONTROLLER_MISMATCH'],
        ['issuerAccredited', 'ISSUER_NOT_ACCREDITED'],
      ],
    },
    {
      what: 'the issuer name',
      change: (c) => {
        (c['issuer'] as JsonObject)['name'] = '伪造的评价组织';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the status list index',
      change: (c) => {
        (c['credentialStatus'] as JsonObject)['statusListIndex'] = '9';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
    },
    {
      what: 'the status list URL',
      change: (c) => {
        (c['credentialStatus'] as JsonObject)['statusListCredential'] = 'https://evil.example/list';
      },
      check: 'proof',
      code: 'PROOF_INVALID',
      also: [['status', 'STATUS_RETRIEVAL_ERROR']],
    },
  ];

  for (const cryptosuite of suites) {
    for (const t of tampers) {
      it(`names the ${t.check} check when ${t.what} changes (${cryptosuite})`, async () => {
        const signed = await fx.sign(fx.credential(), { cryptosuite });
        const tampered = clone(signed);
        t.change(tampered);
        const result = await fx.verifier().verifyCredential(tampered);
        expect(result.verified).toBe(false);
        expectCheck(result, t.check, 'failed', t.code);
        for (const [name, code] of t.also ?? []) expectCheck(result, name, 'failed', code);
      });
    }

    it(`fails the proof when the proofValue is another valid signature (${cryptosuite})`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const other = await fx.sign({ ...fx.credential(), name: 'Other' }, { cryptosuite });
      const tampered = clone(signed);
      (tampered['proof'] as JsonObject)['proofValue'] = (other['proof'] as JsonObject)[
        'proofValue'
      ] as string;
      const result = await fx.verifier().verifyCredential(tampered);
      expectCheck(result, 'proof', 'failed', 'PROOF_INVALID');
    });

    it(`fails the proof when the proofValue is not a 64-byte signature (${cryptosuite})`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const tampered = clone(signed);
      (tampered['proof'] as JsonObject)['proofValue'] = 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSeP';
      const result = await fx.verifier().verifyCredential(tampered);
      expectCheck(result, 'proof', 'failed', 'PROOF_MALFORMED');
    });
  }

  it('fails shape and the proof when the OB context is dropped (jcs: the @context rule)', async () => {
    const signed = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-jcs-2022' });
    const tampered = clone(signed);
    tampered['@context'] = (tampered['@context'] as string[]).filter((c) => !c.includes('/ob/v3p0/context'));
    const result = await fx.verifier().verifyCredential(tampered);
    expectCheck(result, 'shape', 'failed', 'SCHEMA_INVALID');
    expectCheck(result, 'proof', 'failed', 'PROOF_CONTEXT_MISMATCH');
  });

  it('fails the proof when the OB context is dropped (rdfc: JSON-LD safe mode)', async () => {
    const signed = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-rdfc-2022' });
    const tampered = clone(signed);
    tampered['@context'] = (tampered['@context'] as string[]).filter((c) => !c.includes('/ob/v3p0/context'));
    const result = await fx.verifier().verifyCredential(tampered);
    expectCheck(result, 'proof', 'failed', 'PROOF_CANONICALIZATION');
  });

  it('fails the proof when the contexts are reordered (jcs signs the JSON)', async () => {
    const signed = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-jcs-2022' });
    const tampered = clone(signed);
    const [a, b, c] = tampered['@context'] as string[];
    tampered['@context'] = [a!, c!, b!];
    const result = await fx.verifier().verifyCredential(tampered);
    expect(result.verified).toBe(false);
    expectCheck(result, 'proof', 'failed', 'PROOF_CONTEXT_MISMATCH');
    expectCheck(result, 'shape', 'failed', 'SCHEMA_INVALID');
  });

  it('fails shape when two independent contexts are swapped (rdfc signs the RDF graph, which is unchanged)', async () => {
    const signed = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-rdfc-2022' });
    const tampered = clone(signed);
    const [a, b, c] = tampered['@context'] as string[];
    tampered['@context'] = [a!, c!, b!];
    const result = await fx.verifier().verifyCredential(tampered);
    expect(result.verified).toBe(false);
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'shape', 'failed', 'SCHEMA_INVALID');
  });

  it('fails shape when the OB context is moved before the VC context (rdfc: same RDF graph)', async () => {
    const signed = await fx.sign(fx.credential(), { cryptosuite: 'eddsa-rdfc-2022' });
    const tampered = clone(signed);
    const [a, b, c] = tampered['@context'] as string[];
    tampered['@context'] = [b!, a!, c!];
    const result = await fx.verifier().verifyCredential(tampered);
    expect(result.verified).toBe(false);
    expectCheck(result, 'shape', 'failed', 'SCHEMA_INVALID');
  });

  for (const cryptosuite of suites) {
    it(`fails the proof when the OB context is swapped for 3.0.2 (${cryptosuite})`, async () => {
      const signed = await fx.sign(fx.credential(), { cryptosuite });
      const tampered = clone(signed);
      (tampered['@context'] as string[])[1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
      const result = await fx.verifier().verifyCredential(tampered);
      expect(result.verified).toBe(false);
      expect(checkOf(result, 'proof').status).toBe('failed');
    });
  }

  it('fails the proof when a second proof of the set is bad (any one bad proof fails)', async () => {
    const once = await fx.sign(fx.credential());
    const twice = await fx.sign(once, { cryptosuite: 'eddsa-rdfc-2022' });
    expect(Array.isArray(twice['proof'])).toBe(true);
    expect((await fx.verifier().verifyCredential(twice)).verified).toBe(true);
    const tampered = clone(twice);
    ((tampered['proof'] as JsonObject[])[1] as JsonObject)['created'] = '2025-03-02T00:00:00Z';
    const result = await fx.verifier().verifyCredential(tampered);
    expectCheck(result, 'proof', 'failed', 'PROOF_INVALID');
  });

  it('fails the proof when the proof purpose is not assertionMethod', async () => {
    const signed = await signDataIntegrity(fx.credential(), {
      cryptosuite: 'eddsa-jcs-2022',
      signer: fx.signers.issuerKey1,
      verificationMethod: `${ISSUER_DID}#key-1`,
      created: '2025-03-01T08:00:05Z',
      proofPurpose: 'authentication',
      crypto: fx.crypto,
    });
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'proof', 'failed', 'PROOF_PURPOSE_MISMATCH');
  });

  it('fails the proof when the credential has no proof', async () => {
    const result = await fx.verifier().verifyCredential(fx.credential());
    expectCheck(result, 'proof', 'failed', 'PROOF_MISSING');
    expect(result.verified).toBe(false);
  });
});

describe('issuerAccredited and catalog against the trust list', () => {
  it('fails issuerAccredited for an issuer that is not on the trust list', async () => {
    const signed = await fx.sign(fx.credential({ issuer: UNLISTED_ISSUER_DID }), {
      did: UNLISTED_ISSUER_DID,
    });
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'issuerKey', 'passed');
    expectCheck(result, 'issuerAccredited', 'failed', 'ISSUER_NOT_ACCREDITED');
    expect(result.verified).toBe(false);
  });

  it('passes an issuer that exited the trust list after the credential was issued', async () => {
    const signed = await fx.sign(fx.credential({ issuer: EXITED_ISSUER_DID }), { did: EXITED_ISSUER_DID });
    const result = await fx.verifier().verifyCredential(signed);
    expect(failures(result)).toEqual([]);
    expectCheck(result, 'issuerAccredited', 'passed');
    expectCheck(result, 'catalog', 'passed');
    expectCheck(result, 'status', 'skipped');
    expect(result.verified).toBe(true);
  });

  it('fails an issuer that had exited the trust list before validFrom', async () => {
    const credential = fx.credential({ issuer: EXITED_ISSUER_DID, validFrom: '2025-05-01T00:00:00Z' });
    const signed = await fx.sign(credential, { did: EXITED_ISSUER_DID });
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'failed', 'ISSUER_NOT_ACCREDITED_AT_VALID_FROM');
  });

  it('fails the catalog check for an achievement outside the national catalog', async () => {
    const credential = fx.credential();
    ((credential['credentialSubject'] as JsonObject)['achievement'] as JsonObject)['id'] =
      'https://onex.example/achievements/NOT-IN-CATALOG/1';
    const result = await fx.verifier().verifyCredential(await fx.sign(credential));
    expectCheck(result, 'catalog', 'failed', 'CATALOG_UNKNOWN_ACHIEVEMENT');
  });

  it("fails the catalog check when a TEO issues another TEO's certificate", async () => {
    const credential = fx.credential();
    ((credential['credentialSubject'] as JsonObject)['achievement'] as JsonObject)['id'] =
      'https://onex.example/achievements/IOT-INSTALL/2';
    const result = await fx.verifier().verifyCredential(await fx.sign(credential));
    expectCheck(result, 'catalog', 'failed', 'CATALOG_WRONG_ISSUER');
  });

  it('skips the catalog check for a credential that is not an AchievementCredential', async () => {
    const result = await fx.verifier().verifyCredential(fx.statusLists[REVOCATION_LIST_URL]);
    expectCheck(result, 'catalog', 'skipped');
    expectCheck(result, 'issuerAccredited', 'passed');
  });

  it('skips both trust checks when no trust list is available and none is required', async () => {
    const signed = await fx.sign(fx.credential());
    const verifier = fx.verifier({ requireTrustList: false, bundle: { trustList: undefined } });
    const result = await verifier.verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'skipped');
    expectCheck(result, 'catalog', 'skipped');
    expect(result.verified).toBe(true);
  });

  it('fails both trust checks when a required trust list is missing', async () => {
    const signed = await fx.sign(fx.credential());
    const result = await fx.verifier({ bundle: { trustList: undefined } }).verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'failed', 'TRUST_LIST_UNAVAILABLE');
    expectCheck(result, 'catalog', 'failed', 'TRUST_LIST_UNAVAILABLE');
  });

  it('rejects a trust list that is not signed by the regulator', async () => {
    const forged = await fx.sign(
      composeTrustListCredential({
        regulatorDid: REGULATOR_DID,
        listUrl: TRUST_LIST_URL,
        trustList: fx.trustList,
        validFrom: '2025-01-01T00:00:00Z',
      }),
      { did: UNLISTED_ISSUER_DID },
    );
    const signed = await fx.sign(fx.credential());
    const result = await fx.verifier({ bundle: { trustList: forged } }).verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'failed', 'TRUST_LIST_INVALID');
  });

  it('rejects a trust list that was altered after signing', async () => {
    const altered = clone(fx.trustListCredential);
    const issuers = (altered['credentialSubject'] as JsonObject)['issuers'] as JsonObject[];
    issuers.push({ ...(issuers[0] as JsonObject), did: UNLISTED_ISSUER_DID, code: 'TEO-0009' });
    const signed = await fx.sign(fx.credential({ issuer: UNLISTED_ISSUER_DID }), {
      did: UNLISTED_ISSUER_DID,
    });
    const result = await fx.verifier({ bundle: { trustList: altered } }).verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'failed', 'TRUST_LIST_INVALID');
  });

  it('accepts a trust list re-signed a moment after the verification began, but not one from the future', async () => {
    const signedAt = (offsetMs: number) =>
      fx.sign(
        composeTrustListCredential({
          regulatorDid: REGULATOR_DID,
          listUrl: TRUST_LIST_URL,
          trustList: fx.trustList,
          validFrom: new Date(fx.clock.now().getTime() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }),
        { did: REGULATOR_DID },
      );
    const signed = await fx.sign(fx.credential());
    const soon = await fx.verifier({ bundle: { trustList: await signedAt(1_000) } }).verifyCredential(signed);
    expectCheck(soon, 'issuerAccredited', 'passed');
    const later = await fx
      .verifier({ bundle: { trustList: await signedAt(5 * 60_000) } })
      .verifyCredential(signed);
    expectCheck(later, 'issuerAccredited', 'failed', 'TRUST_LIST_INVALID');
  });

  it('skips the trust checks when no regulator is configured', async () => {
    const signed = await fx.sign(fx.credential());
    const verifier = createVerifier({
      crypto: fx.crypto,
      clock: fx.clock,
      sources: bundleSources(fx.bundle()),
    });
    const result = await verifier.verifyCredential(signed);
    expectCheck(result, 'issuerAccredited', 'skipped');
    expect(result.verified).toBe(true);
  });
});

describe('validity', () => {
  it('names an expired credential', async () => {
    const signed = await fx.sign(fx.credential({ validUntil: '2025-05-01T00:00:00Z' }));
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'validity', 'failed', 'VALIDITY_EXPIRED');
    expect(result.verified).toBe(false);
  });

  it('names a credential that is not valid yet', async () => {
    const signed = await fx.sign(fx.credential({ validFrom: '2025-07-01T00:00:00Z' }));
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'validity', 'failed', 'VALIDITY_NOT_YET_VALID');
  });

  it('passes validity while the clock is inside the period', async () => {
    const signed = await fx.sign(fx.credential({ validUntil: '2026-03-01T00:00:00Z' }));
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'validity', 'passed');
  });
});

describe('status', () => {
  it('names a revoked credential', async () => {
    const local = await createOneXFixture();
    const signed = await local.sign(local.credential());
    local.revocation.set(7, true);
    await local.publishStatusLists();
    const result = await local.verifier().verifyCredential(signed);
    expectCheck(result, 'status', 'failed', 'STATUS_REVOKED');
    expectCheck(result, 'proof', 'passed');
    expect(result.verified).toBe(false);
  });

  it('names a suspended credential, and passes it again once the suspension is lifted', async () => {
    const local = await createOneXFixture();
    const signed = await local.sign(local.credential({ status: 'suspension' }));
    local.suspension.set(8, true);
    await local.publishStatusLists('eddsa-rdfc-2022');
    expectCheck(await local.verifier().verifyCredential(signed), 'status', 'failed', 'STATUS_SUSPENDED');
    local.suspension.set(8, false);
    await local.publishStatusLists();
    expectCheck(await local.verifier().verifyCredential(signed), 'status', 'passed');
  });

  it('skips the status check for a credential without credentialStatus', async () => {
    const signed = await fx.sign(fx.credential({ status: false }));
    const result = await fx.verifier().verifyCredential(signed);
    expectCheck(result, 'status', 'skipped');
    expect(result.verified).toBe(true);
  });

  it('skips an unknown status type with the reason', async () => {
    const credential = fx.credential({ status: false });
    credential['credentialStatus'] = {
      id: 'https://onex.example/revocations/1',
      type: '1EdTechRevocationList',
    };
    const result = await fx.verifier().verifyCredential(await fx.sign(credential));
    const status = checkOf(result, 'status');
    expect(status.status).toBe('skipped');
    expect(status.message.en).toContain('1EdTechRevocationList');
  });

  it('fails with STATUS_RETRIEVAL_ERROR when the list cannot be fetched', async () => {
    const signed = await fx.sign(fx.credential());
    const result = await fx.verifier({ bundle: { statusLists: {} } }).verifyCredential(signed);
    expectCheck(result, 'status', 'failed', 'STATUS_RETRIEVAL_ERROR');
    const throwing: VerifierSources = {
      ...bundleSources(fx.bundle()),
      statusListCredential: async () => {
        throw new Error('HTTP 503');
      },
    };
    const again = await createVerifier({
      crypto: fx.crypto,
      clock: fx.clock,
      sources: throwing,
    }).verifyCredential(signed);
    expectCheck(again, 'status', 'failed', 'STATUS_RETRIEVAL_ERROR');
  });

  it('fails when the status list was altered after signing', async () => {
    const signed = await fx.sign(fx.credential());
    const list = clone(fx.statusLists[REVOCATION_LIST_URL]) as JsonObject;
    const bits = BitstringStatusList.create();
    bits.set(3, true);
    (list['credentialSubject'] as JsonObject)['encodedList'] = bits.encode();
    const result = await fx
      .verifier({ bundle: { statusLists: { [REVOCATION_LIST_URL]: list } } })
      .verifyCredential(signed);
    expectCheck(result, 'status', 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('fails when the status list is issued by someone else than the credential issuer', async () => {
    const signed = await fx.sign(fx.credential());
    const list = clone(fx.statusLists[REVOCATION_LIST_URL]) as JsonObject;
    delete list['proof'];
    list['issuer'] = UNLISTED_ISSUER_DID;
    const foreign = await fx.sign(list, { did: UNLISTED_ISSUER_DID });
    const result = await fx
      .verifier({ bundle: { statusLists: { [REVOCATION_LIST_URL]: foreign } } })
      .verifyCredential(signed);
    expectCheck(result, 'status', 'failed', 'STATUS_ISSUER_MISMATCH');
  });

  it("fails when a status list claims the issuer but is signed with another organisation's key", async () => {
    const signed = await fx.sign(fx.credential());
    const list = clone(fx.statusLists[REVOCATION_LIST_URL]) as JsonObject;
    delete list['proof'];
    const forged = await fx.sign(list, { did: UNLISTED_ISSUER_DID });
    const result = await fx
      .verifier({ bundle: { statusLists: { [REVOCATION_LIST_URL]: forged } } })
      .verifyCredential(signed);
    expectCheck(result, 'status', 'failed', 'STATUS_VERIFICATION_ERROR');
  });

  it('fails when the entry purpose does not match the list purpose', async () => {
    const credential = fx.credential();
    (credential['credentialStatus'] as JsonObject)['statusPurpose'] = 'suspension';
    const result = await fx.verifier().verifyCredential(await fx.sign(credential));
    expectCheck(result, 'status', 'failed', 'STATUS_VERIFICATION_ERROR');
  });
});

describe('the logged hook and requested checks', () => {
  it('runs an extra logged check', async () => {
    const signed = await fx.sign(fx.credential());
    const seen: JsonObject[] = [];
    const verifier = fx.verifier({
      extraChecks: [
        {
          name: 'logged',
          run: async (credential) => {
            seen.push(credential);
            return { name: 'logged', status: 'passed', message: { zh: '已记录', en: 'Logged' } };
          },
        },
      ],
    });
    const result = await verifier.verifyCredential(signed);
    expectCheck(result, 'logged', 'passed');
    expect(seen).toHaveLength(1);
  });

  it('turns a failing logged hook into a coded failure', async () => {
    const signed = await fx.sign(fx.credential());
    const verifier = fx.verifier({
      extraChecks: [
        {
          name: 'logged',
          run: async () => {
            throw new Error('ledger offline');
          },
        },
      ],
    });
    const result = await verifier.verifyCredential(signed);
    expectCheck(result, 'logged', 'failed', 'CHECK_FAILED_TO_RUN');
  });

  it('skips the checks that were not requested', async () => {
    const signed = await fx.sign(fx.credential());
    const result = await fx.verifier().verifyCredential(signed, { checks: ['proof'] });
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'shape', 'skipped');
    expectCheck(result, 'status', 'skipped');
    expect(result.verified).toBe(true);
  });
});

describe('inputs that are not credentials', () => {
  it('reports a text that is neither JSON nor a JWS as INPUT_MALFORMED', async () => {
    const result = await fx.verifier().verifyCredential('hello');
    expectCheck(result, 'shape', 'failed', 'INPUT_MALFORMED');
    expect(result.verified).toBe(false);
    expect(result.format).toBe('unknown');
  });

  it('reports deeply nested input as INPUT_TOO_COMPLEX', async () => {
    let deep: JsonObject = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const result = await fx.verifier().verifyCredential(deep);
    expectCheck(result, 'shape', 'failed', 'INPUT_TOO_COMPLEX');
  });

  it('reports an object holding non-JSON values as INPUT_MALFORMED', async () => {
    const result = await fx.verifier().verifyCredential({ a: new Date(0) });
    expectCheck(result, 'shape', 'failed', 'INPUT_MALFORMED');
  });
});

describe('VC-JWT', () => {
  it('verifies a OneX credential as an EdDSA VC-JWT with a kid', async () => {
    const jws = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey1, kid: `${ISSUER_DID}#key-1` });
    const result = await fx.verifier().verifyCredential(jws);
    expect(failures(result)).toEqual([]);
    expect(result.format).toBe('vc-jwt');
    expect(result.verified).toBe(true);
  });

  it('fails the proof of a VC-JWT signed with a key the kid does not name', async () => {
    const jws = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey0, kid: `${ISSUER_DID}#key-1` });
    const result = await fx.verifier().verifyCredential(jws);
    expectCheck(result, 'proof', 'failed', 'JWT_SIGNATURE_INVALID');
  });

  it('binds an embedded jwk to the issuer through its DID document', async () => {
    const good = signVcJwt(fx.credential(), { signer: fx.signers.issuerKey1 });
    expect((await fx.verifier().verifyCredential(good)).verified).toBe(true);
    const stray = signVcJwt(fx.credential(), { signer: fx.signers.stray });
    const result = await fx.verifier().verifyCredential(stray);
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_KEY_NOT_FOUND');
  });
});

describe('verifyPresentation', () => {
  const challenge = 'c-8f2e41';
  const domain = 'verifier.onex.example';

  async function presentation(
    credentials: JsonObject[],
    opts: {
      challenge?: string;
      domain?: string;
      purpose?: 'authentication' | 'assertionMethod';
      holder?: string;
    } = {},
  ) {
    const holder = fx.crypto.ed25519Signer(fx.crypto.sha256(new TextEncoder().encode('holder')));
    const holderDid = `did:key:${encodePublicKeyMultibase(holder.publicKey)}`;
    const vp: JsonObject = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: opts.holder ?? holderDid,
      verifiableCredential: credentials,
    };
    return signDataIntegrity(vp, {
      cryptosuite: 'eddsa-rdfc-2022',
      signer: holder,
      verificationMethod: didKeyVerificationMethodId(holder.publicKey),
      created: '2025-06-01T00:00:00Z',
      proofPurpose: opts.purpose ?? 'authentication',
      challenge: opts.challenge ?? challenge,
      domain: opts.domain ?? domain,
      crypto: fx.crypto,
    });
  }

  it('verifies the holder proof, its challenge and domain, and every credential', async () => {
    const vp = await presentation([await fx.sign(fx.credential())]);
    const result = await fx.verifier().verifyPresentation(vp, { challenge, domain });
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['shape', 'passed'],
      ['proof', 'passed'],
      ['issuerKey', 'passed'],
    ]);
    expect(result.credentials).toHaveLength(1);
    expect(result.verified).toBe(true);
  });

  it('fails a presentation with the wrong challenge', async () => {
    const vp = await presentation([await fx.sign(fx.credential())], { challenge: 'replayed' });
    const result = await fx.verifier().verifyPresentation(vp, { challenge, domain });
    expectCheck(result, 'proof', 'failed', 'PROOF_CHALLENGE_MISMATCH');
    expect(result.verified).toBe(false);
  });

  it('fails a presentation with the wrong domain', async () => {
    const vp = await presentation([await fx.sign(fx.credential())], { domain: 'evil.example' });
    const result = await fx.verifier().verifyPresentation(vp, { challenge, domain });
    expectCheck(result, 'proof', 'failed', 'PROOF_DOMAIN_MISMATCH');
  });

  it('fails a presentation whose proof is not for authentication', async () => {
    const vp = await presentation([], { purpose: 'assertionMethod' });
    const result = await fx.verifier().verifyPresentation(vp, { challenge, domain });
    expectCheck(result, 'proof', 'failed', 'PROOF_PURPOSE_MISMATCH');
  });

  it('fails a presentation signed by someone other than its holder', async () => {
    const vp = await presentation([], { holder: 'did:example:someone-else' });
    const result = await fx.verifier().verifyPresentation(vp, { challenge, domain });
    expectCheck(result, 'proof', 'passed');
    expectCheck(result, 'issuerKey', 'failed', 'ISSUER_KEY_CONTROLLER_MISMATCH');
  });

  it('fails a presentation that carries a revoked credential', async () => {
    const local = await createOneXFixture();
    const signed = await local.sign(local.credential());
    local.revocation.set(7, true);
    await local.publishStatusLists();
    const vp = await presentation([signed]);
    const result = await local.verifier().verifyPresentation(vp, { challenge, domain });
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true);
    expect(result.verified).toBe(false);
    expectCheck(result.credentials[0]!, 'status', 'failed', 'STATUS_REVOKED');
  });

  it('fails a presentation without a holder proof', async () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] };
    const result = await fx.verifier().verifyPresentation(vp);
    expectCheck(result, 'proof', 'failed', 'PROOF_MISSING');
  });
});

describe('sources', () => {
  function countingSources() {
    const calls: string[] = [];
    let fail = false;
    const inner: VerifierSources = {
      didDocument: async (did) => {
        calls.push(did);
        await new Promise((r) => setTimeout(r, 5));
        if (fail) throw new Error('down');
        return did === ISSUER_DID ? (fx.didDocuments[ISSUER_DID] as JsonObject) : undefined;
      },
      statusListCredential: async (url) => {
        calls.push(url);
        return undefined;
      },
      trustListCredential: async () => {
        calls.push('trust');
        return fx.trustListCredential;
      },
    };
    return {
      inner,
      calls,
      setFail: (v: boolean) => {
        fail = v;
      },
    };
  }

  it('shares one request between concurrent lookups of the same DID', async () => {
    const { inner, calls } = countingSources();
    const cached = cachedSources(inner, { ttlMs: 60_000, clock: manualClock('2025-06-01T00:00:00Z') });
    const [a, b] = await Promise.all([cached.didDocument(ISSUER_DID), cached.didDocument(ISSUER_DID)]);
    expect(a).toBe(b);
    expect(calls).toEqual([ISSUER_DID]);
  });

  it('keeps a document for the TTL and fetches it again after', async () => {
    const { inner, calls } = countingSources();
    const clock = manualClock('2025-06-01T00:00:00Z');
    const cached = cachedSources(inner, { ttlMs: 60_000, clock });
    await cached.didDocument(ISSUER_DID);
    clock.advance(59_000);
    await cached.didDocument(ISSUER_DID);
    expect(calls).toHaveLength(1);
    clock.advance(2_000);
    await cached.didDocument(ISSUER_DID);
    expect(calls).toHaveLength(2);
  });

  it('keeps negative results and failures only for the short negative TTL', async () => {
    const { inner, calls, setFail } = countingSources();
    const clock = manualClock('2025-06-01T00:00:00Z');
    const cached = cachedSources(inner, { ttlMs: 600_000, negativeTtlMs: 10_000, clock });
    expect(await cached.didDocument('did:web:nobody.example')).toBeUndefined();
    expect(await cached.didDocument('did:web:nobody.example')).toBeUndefined();
    expect(calls).toHaveLength(1);
    setFail(true);
    await expect(cached.didDocument('did:web:down.example')).rejects.toThrow('down');
    await expect(cached.didDocument('did:web:down.example')).rejects.toThrow('down');
    expect(calls).toHaveLength(2);
    clock.advance(11_000);
    setFail(false);
    expect(await cached.didDocument('did:web:nobody.example')).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('resolves did:key locally and never asks the inner source', async () => {
    const { inner, calls } = countingSources();
    const did = `did:key:${encodePublicKeyMultibase(fx.signers.stray.publicKey)}`;
    const doc = await withDidKey(inner).didDocument(did);
    expect(doc?.['id']).toBe(did);
    expect(await withDidKey(inner).didDocument('did:key:zNotAKey')).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('looks up only own keys of an offline bundle', async () => {
    const sources = bundleSources({ didDocuments: {} });
    expect(await sources.didDocument('constructor')).toBeUndefined();
    expect(await sources.didDocument('__proto__')).toBeUndefined();
    expect(await sources.trustListCredential()).toBeUndefined();
  });

  it('fetches each DID document, status list and the trust list once across many verifications', async () => {
    const calls: string[] = [];
    const bundle = bundleSources(fx.bundle());
    const counting: VerifierSources = {
      didDocument: (did) => {
        calls.push(did);
        return bundle.didDocument(did);
      },
      statusListCredential: (url) => {
        calls.push(url);
        return bundle.statusListCredential(url);
      },
      trustListCredential: () => {
        calls.push('trust');
        return bundle.trustListCredential();
      },
    };
    const verifier = createVerifier({
      crypto: fx.crypto,
      clock: fx.clock,
      sources: counting,
      regulatorDid: REGULATOR_DID,
    });
    const signed = await fx.sign(fx.credential());
    for (let i = 0; i < 5; i++) expect((await verifier.verifyCredential(signed)).verified).toBe(true);
    // Status lists are asked for every time by default (a revocation shows at once); the rest once.
    expect(calls.filter((c) => c === REVOCATION_LIST_URL)).toHaveLength(5);
    expect(calls.filter((c) => c !== REVOCATION_LIST_URL).sort()).toEqual(
      [ISSUER_DID, REGULATOR_DID, 'trust'].sort(),
    );
    calls.length = 0;
    const caching = createVerifier({
      crypto: fx.crypto,
      clock: fx.clock,
      sources: counting,
      regulatorDid: REGULATOR_DID,
      statusListCacheTtlMs: 60_000,
    });
    for (let i = 0; i < 5; i++) expect((await caching.verifyCredential(signed)).verified).toBe(true);
    expect(calls.filter((c) => c === REVOCATION_LIST_URL)).toHaveLength(1);
  });

  it('shows a revocation at once by default, and after the status list TTL when lists are cached', async () => {
    const local = await createOneXFixture();
    const signed = await local.sign(local.credential());
    const fresh = local.verifier();
    const caching = local.verifier({ statusListCacheTtlMs: 60_000 });
    expect((await fresh.verifyCredential(signed)).verified).toBe(true);
    expect((await caching.verifyCredential(signed)).verified).toBe(true);
    local.revocation.set(7, true);
    await local.publishStatusLists();
    expectCheck(await fresh.verifyCredential(signed), 'status', 'failed', 'STATUS_REVOKED');
    expectCheck(await caching.verifyCredential(signed), 'status', 'passed');
    local.clock.advance(61_000);
    expectCheck(await caching.verifyCredential(signed), 'status', 'failed', 'STATUS_REVOKED');
  });

  it('verifies and decodes a status list once per content, even from a source that returns new objects', async () => {
    const signed = await fx.sign(fx.credential());
    let parses = 0;
    const sources: VerifierSources = {
      ...bundleSources(fx.bundle()),
      statusListCredential: async (url) => {
        parses++;
        return structuredClone(fx.statusLists[url]);
      },
    };
    let signatureChecks = 0;
    const crypto = {
      ...fx.crypto,
      ed25519Verify: (k: Uint8Array, m: Uint8Array, sig: Uint8Array) => {
        signatureChecks++;
        return fx.crypto.ed25519Verify(k, m, sig);
      },
    };
    const verifier = createVerifier({ crypto, clock: fx.clock, sources, regulatorDid: REGULATOR_DID });
    for (let i = 0; i < 3; i++) expect((await verifier.verifyCredential(signed)).verified).toBe(true);
    expect(parses).toBe(3);
    // Three credentials, the trust list once and the status list once (not three times).
    expect(signatureChecks).toBe(5);
  });
});

describe('trust list', () => {
  it('round-trips through composeTrustListCredential and parseTrustList', () => {
    const vc = composeTrustListCredential({
      regulatorDid: REGULATOR_DID,
      listUrl: TRUST_LIST_URL,
      trustList: fx.trustList,
      validFrom: '2025-01-01T00:00:00Z',
    });
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vc['type']).toEqual(['VerifiableCredential', 'OneXTrustListCredential']);
    expect((vc['credentialSubject'] as JsonObject)['id']).toBe(`${TRUST_LIST_URL}#list`);
    expect(parseTrustList(vc)).toEqual(fx.trustList);
  });

  it('rejects a malformed trust list with TRUST_LIST_INVALID naming the field', () => {
    const vc = composeTrustListCredential({
      regulatorDid: REGULATOR_DID,
      listUrl: TRUST_LIST_URL,
      trustList: fx.trustList,
      validFrom: '2025-01-01T00:00:00Z',
    });
    (((vc['credentialSubject'] as JsonObject)['issuers'] as JsonObject[])[0] as JsonObject)[
      'accreditedFrom'
    ] = 'soon';
    expect(() => parseTrustList(vc)).toThrowError(expect.objectContaining({ code: 'TRUST_LIST_INVALID' }));
    try {
      parseTrustList(vc);
    } catch (e) {
      const issues = (e as { details: { issues: { path: string }[] } }).details.issues;
      expect(issues[0]?.path).toBe('credentialSubject.issuers.0.accreditedFrom');
    }
  });

  it('answers accreditedAt at both edges of an accreditation period', () => {
    expect(accreditedAt(fx.trustList, EXITED_ISSUER_DID, new Date(CREDENTIAL_VALID_FROM))?.code).toBe(
      'TEO-0003',
    );
    expect(accreditedAt(fx.trustList, EXITED_ISSUER_DID, new Date('2025-04-01T00:00:00Z'))).toBeUndefined();
    expect(accreditedAt(fx.trustList, EXITED_ISSUER_DID, new Date('2023-12-31T23:59:59Z'))).toBeUndefined();
    expect(accreditedAt(fx.trustList, UNLISTED_ISSUER_DID, new Date(CREDENTIAL_VALID_FROM))).toBeUndefined();
  });

  it('finds the certificate level of an achievement id', () => {
    const found = certificateLevelFor(fx.trustList, 'https://onex.example/achievements/WEB-FRONTEND/3');
    expect(found?.certificate.code).toBe('WEB-FRONTEND');
    expect(found?.level).toBe(3);
    expect(certificateLevelFor(fx.trustList, 'https://onex.example/achievements/NOPE/1')).toBeUndefined();
  });
});
