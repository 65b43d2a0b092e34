// Libraries without type declarations, used by tests and benchmarks as reference implementations.
// (jsonld, rdf-canonize and the context packages are declared in core/src/credentials/rdfc/vendor-modules.d.ts.)
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalcredentials/did-context' {
  const didContext: { CONTEXT_URL: string; CONTEXT: Record<string, unknown> };
  export default didContext;
}
declare module 'oidc-provider';
