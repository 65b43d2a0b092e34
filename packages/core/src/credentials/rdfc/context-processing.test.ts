import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ActiveContext,
  INITIAL_CONTEXT,
  processContext,
  type TermDefinition,
} from './context-processing.ts';
import { documentLoader } from './contexts.ts';
import { FAST_CONTEXT_LISTS } from './fast.ts';
import { registerVendoredContexts } from './test-vendor.ts';

/** The parts of a jsonld active context compared here. */
interface JsonLdContext {
  mappings: Map<string, unknown>;
  protected: Record<string, boolean>;
  '@vocab'?: string;
  '@language'?: string;
}

const options = { documentLoader, safe: true, base: null };

async function jsonldProcess(active: unknown, local: unknown): Promise<JsonLdContext> {
  return (await jsonld.processContext(active, local, options)) as JsonLdContext;
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

async function attemptAsync<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch {
    return undefined;
  }
}

function expectSameContext(mine: ActiveContext, theirs: JsonLdContext, where: string): void {
  expect([...mine.mappings.keys()].sort(), where).toEqual([...theirs.mappings.keys()].sort());
  for (const [term, definition] of mine.mappings) {
    expect(definition, `${where} › ${term}`).toEqual(theirs.mappings.get(term));
  }
  expect([...mine.protectedTerms].sort(), where).toEqual(Object.keys(theirs.protected).sort());
  expect(mine.vocab, where).toEqual(theirs['@vocab']);
  expect(mine.language, where).toEqual(theirs['@language']);
}

describe('context processing', () => {
  let initial: unknown;
  beforeAll(async () => {
    registerVendoredContexts();
    initial = await jsonld.processContext(null, null, options);
  });

  // First: the exploration below derives thousands of contexts and exhausts the derived-context
  // cache budget on purpose, after which results are computed but no longer kept.
  it('keeps a type-scoped context revertible and caches it on its parent', () => {
    const root = processContext(INITIAL_CONTEXT, FAST_CONTEXT_LISTS[1]);
    const achievement = root.mappings.get('Achievement')?.['@context'];
    const typed = processContext(root, achievement, { propagate: false });
    expect(typed.previousContext).toBe(root);
    expect(typed.revert()).toBe(root);
    expect(typed.mappings.get('criteria')?.['@id']).toBe(
      'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria',
    );
    expect(root.mappings.has('criteria')).toBe(false);
    // Processing the same context object again is a cache hit.
    expect(processContext(root, achievement, { propagate: false })).toBe(typed);
  });

  it('builds the same term definitions as jsonld for every fast context list and every scoped context in it', async () => {
    let compared = 0;
    let bothRejected = 0;
    // Walk root → type-/property-scoped contexts → their scoped contexts, two levels deep: that is as
    // far as credentials v2 + OB 3.0.x + CLR 2.0.1 nest (e.g. DataIntegrityProof → proofPurpose).
    // Every term's scoped context is tried on every context reached, including combinations no
    // document produces; some of those redefine protected terms, and then both must refuse.
    const visit = async (mine: ActiveContext, theirs: JsonLdContext, where: string, depth: number) => {
      expectSameContext(mine, theirs, where);
      compared++;
      if (depth === 2) return;
      for (const [term, def] of mine.mappings as Map<string, TermDefinition>) {
        if (!Object.hasOwn(def, '@context')) continue;
        const scoped = def['@context'];
        const next = `${where} › ${term}`;
        // jsonld's public processContext returns the initial context for `null` without the
        // protected-terms check; expansion only meets a null scoped context as a property-scoped
        // one (VerifiablePresentation's verifiableCredential), which may override protection.
        const overrideProtected = scoped === null;
        const m = attempt(() => processContext(mine, scoped, { overrideProtected }));
        const t = await attemptAsync(() => jsonldProcess(theirs, scoped));
        expect(m === undefined, next).toBe(t === undefined);
        if (m && t) await visit(m, t, next, depth + 1);
        else bothRejected++;
      }
    };
    for (const list of FAST_CONTEXT_LISTS) {
      await visit(
        processContext(INITIAL_CONTEXT, list),
        await jsonldProcess(initial, list),
        list.join(' + '),
        0,
      );
    }
    expect(bothRejected).toBeLessThan(compared);
    expect(compared).toBeGreaterThan(300);
  }, 60_000);

  it('fails where jsonld safe mode fails and agrees where it succeeds', async () => {
    const v2 = 'https://www.w3.org/ns/credentials/v2';
    const cases: unknown[] = [
      [v2, { name: 'https://example.org/name' }], // protected term redefinition
      [v2, { name: 'https://schema.org/name' }], // identical redefinition is allowed
      [v2, null], // nullifying protected terms
      [{ '@version': 1.0 }],
      [{ '@vocab': 'https://example.org/vocab#', a: 'b' }],
      [{ '@vocab': 'relative#' }],
      [{ ex: 'https://example.org/', 'ex:foo': { '@type': '@id' }, bar: 'ex:bar' }],
      [
        {
          xsd: 'http://www.w3.org/2001/XMLSchema#',
          d: { '@id': 'https://example.org/d', '@type': 'xsd:date' },
        },
      ],
      [{ x: { '@id': 'https://example.org/x', '@container': ['@set', '@list'] } }],
      [{ '@foo': 'https://example.org/' }], // reserved term
      [{ a: { '@id': 'b' }, b: { '@id': 'a' } }], // cyclic IRI mapping
      [{ a: { '@reverse': 'https://example.org/r' } }],
      [{ '@propagate': false, a: 'https://example.org/a' }],
      [{ '@protected': false, a: 'https://example.org/a' }],
      [
        {
          x: {
            '@id': 'https://example.org/x',
            '@context': { y: { '@id': 'https://e/y', '@container': 'bad' } },
          },
        },
      ],
      [
        {
          l: { '@id': 'https://example.org/l', '@language': 'ZH-cn' },
          n: { '@id': 'https://e/n', '@prefix': true },
        },
      ],
      [{ '@language': 'not a tag' }],
      [{ t: { '@id': 'https://example.org/t', '@type': '_:blank' } }],
      [{ j: { '@id': 'https://example.org/j', '@type': '@json', '@container': '@graph' } }],
      ['https://w3id.org/security/data-integrity/v2', v2], // DataIntegrityProof redefined identically
      [v2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'],
    ];
    for (const local of cases) {
      const theirs = await attemptAsync(() => jsonldProcess(initial, local));
      const mine = attempt(() => processContext(INITIAL_CONTEXT, local));
      const where = JSON.stringify(local);
      expect(mine === undefined, where).toBe(theirs === undefined);
      if (mine && theirs) expectSameContext(mine, theirs, where);
    }
  });
});
