/**
 * RDF terms and quads (the RDF/JS shape jsonld and rdf-canonize exchange), canonical N-Quads
 * serialization, and RDF Dataset Canonicalization (RDFC-1.0) for the case credentials are made of:
 * every blank node has a unique first-degree hash.
 *
 * Why not rdf-canonize here: its only synchronous entry point (`_canonizeSync`) is documented as
 * test-only and works in Node alone, and the fast path must be synchronous and run in browsers too.
 * Speed is on par with rdf-canonize's synchronous code and somewhat ahead of its async API.
 *
 * Spec: RDF Dataset Canonicalization (RDFC-1.0), W3C Recommendation 21 May 2024,
 * https://www.w3.org/TR/rdf-canon/ (§4.4 Canonicalization Algorithm, §4.6 Hash First Degree Quads,
 * §4.3 canonical N-Quads). Output is byte-identical to rdf-canonize 5, the oracle: like it, lines and
 * hashes are sorted with JavaScript's default string order (UTF-16 code units). The spec says code
 * point order; the two differ only when an astral character is compared with one in U+E000–U+FFFF,
 * and deployed eddsa-rdfc-2022 verifiers (Digital Bazaar's) sort the way rdf-canonize does.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** An IRI. */
export interface NamedNode {
  readonly termType: 'NamedNode';
  readonly value: string;
}
/** A blank node. */
export interface BlankNode {
  readonly termType: 'BlankNode';
  /** The label without the `_:` prefix (rdf-canonize's convention). */
  readonly value: string;
}
/** A literal; `language` only with datatype rdf:langString. */
export interface Literal {
  readonly termType: 'Literal';
  readonly value: string;
  readonly datatype: NamedNode;
  readonly language?: string;
}
/** The default graph. */
export interface DefaultGraph {
  readonly termType: 'DefaultGraph';
  readonly value: '';
}
/** One RDF quad (RDF 1.1 Concepts §4, https://www.w3.org/TR/rdf11-concepts/#section-dataset). */
export interface Quad {
  readonly subject: NamedNode | BlankNode;
  readonly predicate: NamedNode;
  readonly object: NamedNode | BlankNode | Literal;
  readonly graph: NamedNode | BlankNode | DefaultGraph;
}

/** A SHA-256 function, e.g. `CryptoProvider.sha256` (node:crypto) or @noble/hashes' `sha256`. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** Portable default (pure JavaScript); in Node, `CryptoProvider.sha256` is faster. */
export const defaultSha256: Sha256 = (data) => nobleSha256(data);

/** The datatypes whose literals N-Quads writes without `^^<…>`. */
export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
export const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

// rdf-canonize lib/NQuads.js: in literals, ECHAR for the seven characters N-Quads has escapes for
// and UCHAR (upper-case hex) for the other C0 controls and DEL; in IRIs, UCHAR for controls, space
// and <>"{}|^`\. Written as loops rather than regexes: the common case is "nothing to escape",
// which one pass over the char codes answers.
const uchar = (code: number): string => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
const ECHAR: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};
const literalNeedsEscape = (c: number): boolean => c < 0x20 || c === 0x22 || c === 0x5c || c === 0x7f;
const iriNeedsEscape = (c: number): boolean =>
  c <= 0x20 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x22 ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x7c ||
  c === 0x5e ||
  c === 0x60 ||
  c === 0x5c;

function escapeWith(s: string, needs: (c: number) => boolean, replacement: (c: number) => string): string {
  let i = 0;
  while (i < s.length && !needs(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += needs(c) ? replacement(c) : s[i];
  }
  return out;
}

/** Escapes a string for the inside of an N-Quads literal, as canonical N-Quads requires. */
export function escapeLiteral(s: string): string {
  return escapeWith(s, literalNeedsEscape, (c) => ECHAR[c] ?? uchar(c));
}

/** Escapes an IRI for the inside of `<…>`. */
export function escapeIri(s: string): string {
  return escapeWith(s, iriNeedsEscape, uchar);
}

function objectText(o: Quad['object']): string {
  if (o.termType === 'NamedNode') return `<${escapeIri(o.value)}>`;
  if (o.termType === 'BlankNode') return `_:${o.value}`;
  let text = `"${escapeLiteral(o.value)}"`;
  if (o.datatype.value === RDF_LANGSTRING) {
    if (o.language) text += `@${o.language}`;
  } else if (o.datatype.value !== XSD_STRING) {
    text += `^^<${escapeIri(o.datatype.value)}>`;
  }
  return text;
}

const nodeText = (t: NamedNode | BlankNode): string =>
  t.termType === 'NamedNode' ? `<${escapeIri(t.value)}>` : `_:${t.value}`;

/** One quad as a canonical N-Quads line (with the trailing `" .\n"`). */
export function serializeQuad(q: Quad): string {
  const graph = q.graph.termType === 'DefaultGraph' ? '' : ` ${nodeText(q.graph)}`;
  return `${nodeText(q.subject)} <${escapeIri(q.predicate.value)}> ${objectText(q.object)}${graph} .\n`;
}

/** Serializes a dataset as sorted N-Quads without relabeling blank nodes (for diagnostics). */
export function serializeDataset(quads: readonly Quad[]): string {
  return quads.map(serializeQuad).sort().join('');
}

// Serialized `<iri>` forms of IRIs that recur across documents (predicates, types, datatypes come
// from a handful of contexts). Bounded: cleared when full, so document IRIs cannot grow it forever.
const IRI_TEXT = new Map<string, string>();
function iriText(value: string): string {
  let text = IRI_TEXT.get(value);
  if (text === undefined) {
    text = `<${escapeIri(value)}>`;
    if (IRI_TEXT.size >= 4096) IRI_TEXT.clear();
    IRI_TEXT.set(value, text);
  }
  return text;
}

function literalText(o: Literal): string {
  let text = `"${escapeLiteral(o.value)}"`;
  const dt = o.datatype.value;
  if (dt === RDF_LANGSTRING) {
    if (o.language) text += `@${o.language}`;
  } else if (dt !== XSD_STRING) {
    text += `^^${iriText(dt)}`;
  }
  return text;
}

// A quad with everything but blank node labels serialized: `s`, `o`, `g` are the texts of non-blank
// terms, or, for blank nodes, null with the blank node's index in `si` / `oi` / `gi`. First-degree
// hashing and the final serialization then only splice labels in.
interface PreparedQuad {
  s: string | null;
  si: number;
  p: string;
  o: string | null;
  oi: number;
  g: string | null;
  gi: number;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(8192);

/** UTF-8 of `text` in a reused buffer (valid until the next call). Lone surrogates become U+FFFD. */
function utf8Scratch(text: string): Uint8Array {
  // encodeInto writes at most 3 bytes per UTF-16 code unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3 + 1024);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/** UTF-8 bytes of `text` (as a fresh copy). */
export function utf8(text: string): Uint8Array {
  return utf8Scratch(text).slice();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * RDFC-1.0 (§4.4) for datasets whose blank nodes all have distinct first-degree hashes: hash each
 * blank node's quads with itself as `_:a` and others as `_:z` (§4.6), label `c14n0…` in hash order,
 * then serialize and sort. Returns `undefined` when two blank nodes share a first-degree hash; those
 * need the Hash N-Degree Quads algorithm (§4.8), which callers get from rdf-canonize.
 */
export function canonicalizeUniqueFirstDegree(
  quads: readonly Quad[],
  sha256: Sha256 = defaultSha256,
): string | undefined {
  // Blank node label → dense index, and the quads mentioning each blank node (each quad once per
  // blank node, like rdf-canonize's Set per blank node).
  const index = new Map<string, number>();
  const mentions: PreparedQuad[][] = [];
  // IRIs recur (every line of a node starts with its subject): serialize each once per call.
  const texts = new Map<string, string>();
  const prepared: PreparedQuad[] = new Array(quads.length);
  for (let n = 0; n < quads.length; n++) {
    const q = quads[n]!;
    const pq: PreparedQuad = {
      s: null,
      si: -1,
      p: iriText(q.predicate.value),
      o: null,
      oi: -1,
      g: '',
      gi: -1,
    };
    const { subject, object, graph } = q;
    if (subject.termType === 'BlankNode') pq.si = blankIndex(index, mentions, subject.value);
    else pq.s = localIriText(texts, subject.value);
    if (object.termType === 'BlankNode') pq.oi = blankIndex(index, mentions, object.value);
    else pq.o = object.termType === 'NamedNode' ? localIriText(texts, object.value) : literalText(object);
    if (graph.termType === 'BlankNode') {
      pq.g = null;
      pq.gi = blankIndex(index, mentions, graph.value);
    } else if (graph.termType === 'NamedNode') {
      pq.g = ` ${localIriText(texts, graph.value)}`;
    }
    if (pq.si >= 0) mentions[pq.si]!.push(pq);
    if (pq.oi >= 0 && pq.oi !== pq.si) mentions[pq.oi]!.push(pq);
    if (pq.gi >= 0 && pq.gi !== pq.si && pq.gi !== pq.oi) mentions[pq.gi]!.push(pq);
    prepared[n] = pq;
  }

  const count = mentions.length;
  const labels: string[] = new Array(count);
  if (count === 1) {
    // A lone blank node gets c14n0 whatever its hash: the usual proof configuration.
    labels[0] = '_:c14n0';
  } else if (count > 1) {
    const hashes: string[] = new Array(count);
    const seen = new Set<string>();
    const lines: string[] = [];
    for (let b = 0; b < count; b++) {
      lines.length = 0;
      for (const q of mentions[b]!) {
        const s = q.s ?? (q.si === b ? '_:a' : '_:z');
        const o = q.o ?? (q.oi === b ? '_:a' : '_:z');
        const g = q.g ?? (q.gi === b ? ' _:a' : ' _:z');
        lines.push(`${s} ${q.p} ${o}${g} .\n`);
      }
      if (lines.length > 1) lines.sort();
      const hash = hex(sha256(utf8Scratch(lines.join(''))));
      if (seen.has(hash)) return undefined;
      seen.add(hash);
      hashes[b] = hash;
    }
    const order = hashes.map((_, b) => b).sort((x, y) => (hashes[x]! < hashes[y]! ? -1 : 1));
    for (let i = 0; i < order.length; i++) labels[order[i]!] = `_:c14n${i}`;
  }

  // Sorting whole lines compares long shared prefixes (every line of a node starts with its
  // subject) over and over. Sorting subjects, then each subject's remaining text, gives the same
  // order: a subject is never a proper prefix of another except blank labels (`_:c14n1` vs
  // `_:c14n10`), and there the shorter one's line continues with " " (U+0020), below any character
  // the longer one can continue with, so shorter-first agrees with whole-line order.
  const bySubject = new Map<string, string[]>();
  for (const q of prepared) {
    const subject = q.s ?? labels[q.si]!;
    const rest = `${q.p} ${q.o ?? labels[q.oi]!}${q.g ?? ` ${labels[q.gi]!}`} .\n`;
    const group = bySubject.get(subject);
    if (group === undefined) bySubject.set(subject, [rest]);
    else group.push(rest);
  }
  let out = '';
  for (const subject of [...bySubject.keys()].sort()) {
    const group = bySubject.get(subject)!;
    if (group.length > 1) group.sort();
    for (const rest of group) out += `${subject} ${rest}`;
  }
  return out;
}

function blankIndex(index: Map<string, number>, mentions: PreparedQuad[][], label: string): number {
  let i = index.get(label);
  if (i === undefined) {
    i = mentions.length;
    index.set(label, i);
    mentions.push([]);
  }
  return i;
}

function localIriText(texts: Map<string, string>, value: string): string {
  let t = texts.get(value);
  if (t === undefined) {
    t = `<${escapeIri(value)}>`;
    texts.set(value, t);
  }
  return t;
}
