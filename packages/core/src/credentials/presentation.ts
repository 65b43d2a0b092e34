import type { JsonObject } from './credential.model.ts';

/** The base context of a VC Data Model 2.0 presentation. */
export const presentationContext = ['https://www.w3.org/ns/credentials/v2'] as const;

/**
 * Puts credentials into a W3C VC Data Model 2.0 VerifiablePresentation
 * (https://www.w3.org/TR/vc-data-model-2.0/#verifiable-presentations), each credential embedded
 * as issued (its own `@context` and proof untouched).
 *
 * The presentation is UNSIGNED: learners hold no keys yet, so there is no holder proof and a
 * verifier that requires one (`POST /presentations/verify`) reports `PROOF_MISSING` while every
 * embedded credential still verifies on its own. It is a portable wallet of a learner's
 * credentials, not proof that the holder presented them.
 *
 * `holder` is set only when given (a learner identifier that is a URL, e.g. a DID); it is omitted
 * otherwise, as VC 2.0 allows.
 */
export function composePresentation(
  credentials: JsonObject[],
  options: { holder?: string } = {},
): JsonObject {
  return {
    '@context': [...presentationContext],
    type: ['VerifiablePresentation'],
    ...(options.holder ? { holder: options.holder } : {}),
    verifiableCredential: credentials,
  };
}

/**
 * The holder identifier credentials agree on: the `credentialSubject.id` every one of them names,
 * or `undefined` when any lacks one or they differ (OneX identifies learners by a salted hash of
 * their ID number, which is not a holder identifier).
 */
export function commonSubjectId(credentials: JsonObject[]): string | undefined {
  let common: string | undefined;
  for (const vc of credentials) {
    const subject = vc.credentialSubject;
    const first = Array.isArray(subject) ? subject[0] : subject;
    const id =
      first && typeof first === 'object' && !Array.isArray(first) && typeof first.id === 'string'
        ? first.id
        : undefined;
    if (!id || (common !== undefined && common !== id)) return undefined;
    common = id;
  }
  return common;
}
