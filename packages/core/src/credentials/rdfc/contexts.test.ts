import canonicalizeJson from 'canonicalize';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_URLS,
  canonizeDetailed,
  contextRegistryVersion,
  documentLoader,
  getContextDocument,
  registerContext,
} from './index.ts';
import { vendorJson, vendorText } from './test-vendor.ts';

// This file runs in its own module instance (vitest isolates files), so the registry starts with
// the built-in contexts only.

describe('offline context registry', () => {
  it('serves the contexts of the installed npm packages, identical to the W3C and 1EdTech copies', async () => {
    const vendored: Array<[string, string]> = [
      [CONTEXT_URLS.credentialsV2, 'w3c-vc-data-model/credentials-v2.jsonld'],
      [CONTEXT_URLS.credentialsV1, 'w3c-vc-data-model/credentials-v1.jsonld'],
      [CONTEXT_URLS.dataIntegrityV1, 'w3c-vc-data-integrity/data-integrity-v1.jsonld'],
      [CONTEXT_URLS.dataIntegrityV2, 'w3c-vc-data-integrity/data-integrity-v2.jsonld'],
      [CONTEXT_URLS.multikeyV1, 'w3c-vc-data-integrity/multikey-v1.jsonld'],
      [CONTEXT_URLS.openBadgesV303, '1edtech-openbadges-specification/contexts/context-3.0.3.json'],
      [CONTEXT_URLS.openBadgesV302, '1edtech-openbadges-specification/contexts/context-3.0.2.json'],
      [CONTEXT_URLS.openBadgesV301, '1edtech-openbadges-specification/contexts/context-3.0.1.json'],
      [CONTEXT_URLS.openBadgesV300, '1edtech-openbadges-specification/contexts/context.json'],
      [
        CONTEXT_URLS.openBadgesExtensions,
        '1edtech-digital-credentials-public-validator/contexts/ob-v3p0-extensions.json',
      ],
      [CONTEXT_URLS.clrV201, '1edtech-digital-credentials-public-validator/contexts/clr-v2p0-2.0.1.json'],
    ];
    for (const [url, file] of vendored) {
      const loaded = await documentLoader(url);
      expect(loaded).toMatchObject({ contextUrl: null, documentUrl: url, tag: 'static' });
      expect(canonicalizeJson(loaded.document), url).toBe(canonicalizeJson(vendorJson(file)));
    }
  });

  it('has no DID v1 context, since no installed package ships it', () => {
    expect(getContextDocument(CONTEXT_URLS.didV1)).toBeUndefined();
  });

  it('rejects any other URL with a coded error instead of fetching it', async () => {
    for (const url of [
      'https://www.w3.org/ns/did/v1',
      'https://example.org/context',
      'http://localhost:1/x',
    ]) {
      await expect(documentLoader(url)).rejects.toMatchObject({
        code: 'JSONLD_CONTEXT_NOT_AVAILABLE',
        details: { url },
      });
    }
  });

  it('hands out frozen documents, so a caller cannot change what a context URL means', () => {
    const v2 = getContextDocument(CONTEXT_URLS.credentialsV2) as { '@context': Record<string, unknown> };
    expect(Object.isFrozen(v2)).toBe(true);
    expect(() => {
      v2['@context'].name = 'https://evil.example/name';
    }).toThrow(TypeError);
  });

  it('registers extra contexts idempotently and refuses a different document for a known URL', () => {
    const url = 'https://onex.example.cn/contexts/test/v1';
    const doc = { '@context': { score: 'https://onex.example.cn/vocab#score' } };
    const before = contextRegistryVersion();
    registerContext(url, doc);
    expect(contextRegistryVersion()).toBe(before + 1);
    registerContext(url, structuredClone(doc));
    expect(contextRegistryVersion()).toBe(before + 1);
    doc['@context'].score = 'https://changed.example/score';
    expect(getContextDocument(url)).toEqual({ '@context': { score: 'https://onex.example.cn/vocab#score' } });
    expect(() => registerContext(url, doc)).toThrow(
      expect.objectContaining({ code: 'JSONLD_CONTEXT_CONFLICT' }),
    );
    expect(() => registerContext(CONTEXT_URLS.credentialsV2, { '@context': {} })).toThrow(
      expect.objectContaining({ code: 'JSONLD_CONTEXT_CONFLICT' }),
    );
    expect(() => registerContext('relative/url', doc)).toThrow(TypeError);
    expect(() => registerContext('https://onex.example.cn/x', { score: 1 })).toThrow(TypeError);
  });

  it('canonicalizes the 1EdTech CLR vector on the fast path with the embedded CLR 2.0.1 context', async () => {
    const dir = '1edtech-openbadges-specification/test-vectors/clrv2p0';
    const clr = vendorJson(`${dir}/unsigned-credential.json`);
    const before = contextRegistryVersion();
    registerContext(
      CONTEXT_URLS.clrV201,
      vendorJson('1edtech-digital-credentials-public-validator/contexts/clr-v2p0-2.0.1.json'),
    );
    expect(contextRegistryVersion()).toBe(before);
    expect(await canonizeDetailed(clr)).toEqual({
      nquads: vendorText(`${dir}/document-canon.txt`),
      path: 'fast',
    });
  });
});
