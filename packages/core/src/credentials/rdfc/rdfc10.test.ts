import fc from 'fast-check';
import rdfCanonize from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import {
  type BlankNode,
  canonicalizeUniqueFirstDegree,
  escapeIri,
  escapeLiteral,
  type Literal,
  type NamedNode,
  type Quad,
  serializeQuad,
  utf8,
} from './rdfc10.ts';

const iri = (value: string): NamedNode => ({ termType: 'NamedNode', value });
const blank = (value: string): BlankNode => ({ termType: 'BlankNode', value });
const literal = (value: string, datatype: string, language?: string): Literal =>
  language === undefined
    ? { termType: 'Literal', value, datatype: iri(datatype) }
    : { termType: 'Literal', value, datatype: iri(datatype), language };

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** rdf-canonize with the options eddsa-rdfc-2022 uses; `undefined` if it gives up. */
async function rdfCanonizeOrUndefined(quads: readonly Quad[]): Promise<string | undefined> {
  try {
    return await rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0' });
  } catch {
    return undefined;
  }
}

// Code units that matter for escaping and ordering: every C0 control, DEL, the N-Quads specials,
// CJK, private use and U+FFFF (they sort after astral characters in UTF-16 order), astral, lone
// surrogates.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('中', '文', '\ue000', '\uffff', '\ud83d', '\ude00', '😀', '\u2028', 'é'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const anyText = fc.array(unit, { maxLength: 12 }).map((u) => u.join(''));

describe('N-Quads serialization', () => {
  it('escapes every ASCII character in literals and IRIs exactly like rdf-canonize', () => {
    for (let c = 0; c < 0x80; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      const quad: Quad = {
        subject: iri(`https://example.org/${s}`),
        predicate: iri('https://example.org/p'),
        object: literal(s, XSD_STRING),
        graph: { termType: 'DefaultGraph', value: '' },
      };
      expect(serializeQuad(quad)).toBe(rdfCanonize.NQuads.serializeQuad(quad));
    }
    expect(escapeLiteral('tab\there "q" \\ \u0000\u007f')).toBe('tab\\there \\"q\\" \\\\ \\u0000\\u007F');
    expect(escapeIri('https://e/<a b>{|}^`"\\')).toBe(
      'https://e/\\u003Ca\\u0020b\\u003E\\u007B\\u007C\\u007D\\u005E\\u0060\\u0022\\u005C',
    );
  });

  it('serializes arbitrary quads like rdf-canonize', () => {
    const term = fc.oneof(
      anyText.map((t) => iri(`https://example.org/${t}`)),
      fc.constantFrom('b0', 'b1', 'c14n10').map(blank),
    );
    const object = fc.oneof(
      term,
      fc
        .tuple(
          anyText,
          fc.constantFrom(XSD_STRING, LANG_STRING, 'https://example.org/dt<1>'),
          fc.constantFrom('en', 'zh-cn'),
        )
        .map(([v, dt, lang]) => literal(v, dt, dt === LANG_STRING ? lang : undefined)),
    );
    const graph = fc.oneof(fc.constant({ termType: 'DefaultGraph', value: '' } as const), term);
    fc.assert(
      fc.property(term, object, graph, (subject, object, graph) => {
        const quad: Quad = { subject, predicate: iri('https://example.org/p'), object, graph };
        expect(serializeQuad(quad)).toBe(rdfCanonize.NQuads.serializeQuad(quad));
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes UTF-8 like TextEncoder, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        expect(utf8(s)).toEqual(encoder.encode(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RDFC-1.0 for unique first-degree hashes', () => {
  it('equals rdf-canonize on random datasets whenever it does not defer to N-degree hashing', async () => {
    const node = fc.oneof(
      fc.constantFrom('https://example.org/a', 'https://example.org/b', 'urn:uuid:1').map(iri),
      fc.integer({ min: 0, max: 5 }).map((i) => blank(`x${i}`)),
    );
    const object = fc.oneof(
      node,
      fc
        .tuple(
          fc.oneof(anyText, fc.constantFrom('', 'A', 'a')),
          fc.constantFrom(XSD_STRING, LANG_STRING, 'https://e/dt'),
        )
        .map(([v, dt]) => literal(v, dt, dt === LANG_STRING ? 'en' : undefined)),
    );
    const predicate = fc.constantFrom('https://example.org/p', 'https://example.org/q').map(iri);
    const graph = fc.oneof(
      { weight: 3, arbitrary: fc.constant({ termType: 'DefaultGraph', value: '' } as const) },
      { weight: 1, arbitrary: node },
    );
    const quad = fc.record({ subject: node, predicate, object, graph });
    let handled = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(quad, { maxLength: 14 }), async (quads) => {
        const own = canonicalizeUniqueFirstDegree(quads);
        if (own === undefined) return;
        handled++;
        expect(own).toBe(await rdfCanonizeOrUndefined(quads));
      }),
      { numRuns: 3000 },
    );
    expect(handled).toBeGreaterThan(1000);
  });

  it('defers to N-degree hashing when two blank nodes look alike at first degree', () => {
    const p = iri('https://example.org/p');
    const g = { termType: 'DefaultGraph', value: '' } as const;
    const symmetric: Quad[] = [
      { subject: iri('https://example.org/s'), predicate: p, object: blank('x'), graph: g },
      { subject: iri('https://example.org/s'), predicate: p, object: blank('y'), graph: g },
    ];
    expect(canonicalizeUniqueFirstDegree(symmetric)).toBeUndefined();
  });

  it('keeps duplicate quads and labels a lone blank node c14n0 like rdf-canonize', async () => {
    const p = iri('https://example.org/p');
    const g = { termType: 'DefaultGraph', value: '' } as const;
    const quads: Quad[] = [
      { subject: blank('only'), predicate: p, object: literal('v', XSD_STRING), graph: g },
      { subject: blank('only'), predicate: p, object: literal('v', XSD_STRING), graph: g },
      { subject: iri('https://example.org/s'), predicate: p, object: blank('only'), graph: g },
    ];
    const own = canonicalizeUniqueFirstDegree(quads);
    expect(own).toBe(await rdfCanonizeOrUndefined(quads));
    expect(own).toContain('_:c14n0 <https://example.org/p> "v" .\n_:c14n0 <https://example.org/p> "v" .\n');
  });

  it('accepts a SHA-256 implementation from outside, such as CryptoProvider.sha256', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    let calls = 0;
    const counting = (data: Uint8Array): Uint8Array => {
      calls++;
      return sha256(data);
    };
    const p = iri('https://example.org/p');
    const g = { termType: 'DefaultGraph', value: '' } as const;
    const quads: Quad[] = [
      { subject: blank('x'), predicate: p, object: literal('1', XSD_STRING), graph: g },
      { subject: blank('y'), predicate: p, object: literal('2', XSD_STRING), graph: g },
    ];
    expect(canonicalizeUniqueFirstDegree(quads, counting)).toBe(await rdfCanonizeOrUndefined(quads));
    expect(calls).toBe(2);
  });
});
