import type { JsonObject, OfflineBundle, Platform } from '@onex/core';

/**
 * Everything needed to verify one issued credential with no network (`onex verify --bundle`): the
 * credential, its issuer's and the regulator's DID documents, its status lists as signed now, the
 * trust list, and the log's key with the credential's inclusion proof to the latest checkpoint.
 * The status lists freeze the credential's status at the time the bundle is made.
 */
export async function offlineBundleFor(platform: Platform, idOrNumber: string): Promise<OfflineBundle> {
  const { credentials, ledger } = platform;
  const record = await credentials.getCredential(idOrNumber);
  const regulatorDid = credentials.didOf('REGULATOR', 'MOE');
  // First: signing the trust list may create the regulator's key, whose DID document follows.
  const trustList = await credentials.signedTrustList();
  const didDocuments: Record<string, JsonObject> = {};
  for (const did of new Set([record.issuerDid, regulatorDid])) {
    const doc = await credentials.didDocument(did);
    if (doc) didDocuments[did] = doc;
  }
  const statusLists: Record<string, JsonObject> = {};
  for (const url of statusListUrls(record.document)) {
    statusLists[url] = await credentials.statusListCredential(url);
  }
  const proof = await ledger.proofForCredential(record.id);
  return {
    credential: record.document,
    regulatorDid,
    didDocuments,
    statusLists,
    trustList,
    log: {
      verifierKey: await ledger.verifierKey(),
      proofs: proof ? { [record.id]: proof } : {},
    },
  };
}

function statusListUrls(doc: JsonObject): string[] {
  const status = doc.credentialStatus;
  const entries = Array.isArray(status) ? status : status ? [status] : [];
  const urls = new Set<string>();
  for (const e of entries) {
    if (e && typeof e === 'object' && !Array.isArray(e) && typeof e.statusListCredential === 'string')
      urls.add(e.statusListCredential);
  }
  return [...urls];
}
