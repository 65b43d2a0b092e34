import { inThreadSigner, type JsonObject } from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createSigningPool } from '../src/signing/signing-pool.ts';
import { unsigned } from './ledger-fixtures.ts';

const pool = createSigningPool(2);
afterAll(() => pool.close());

const seed = new Uint8Array(32).fill(21);
const key = {
  seed,
  verificationMethod: 'did:web:onex.example:teos:TEO-0002#key-1',
  signer: nodeCrypto.ed25519Signer(seed),
};
const docs: JsonObject[] = Array.from({ length: 9 }, (_, i) => ({
  ...unsigned(i),
  id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  validFrom: '2026-07-01T00:00:00Z',
}));

describe('the signing pool', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)(
    'signs a batch across threads exactly as this thread does, in order (%s)',
    async (cryptosuite) => {
      const options = { cryptosuite, created: '2026-07-01T00:00:00Z' };
      const [pooled, local] = await Promise.all([
        pool.sign(docs, key, options),
        inThreadSigner(nodeCrypto).sign(docs, key, options),
      ]);
      // Ed25519 is deterministic: the same key and document give the same proof bytes.
      expect(pooled.map((p) => p.document)).toEqual(local.map((p) => p.document));
      expect(pooled.map((p) => Buffer.from(p.digest).toString('hex'))).toEqual(
        local.map((p) => Buffer.from(p.digest).toString('hex')),
      );
      expect(pooled.map((p) => p.document.id)).toEqual(docs.map((d) => d.id));
    },
    60_000,
  );

  it('reports a document it cannot sign as an error instead of hanging', async () => {
    const bad = [{ ...docs[0]!, '@context': 'https://example.invalid/unknown-context' }];
    await expect(
      pool.sign(bad, key, { cryptosuite: 'eddsa-rdfc-2022', created: '2026-07-01T00:00:00Z' }),
    ).rejects.toThrow(/signing thread/);
  }, 60_000);
});
