import {
  type CredentialRecord,
  commonSubjectId,
  composePresentation,
  type JsonObject,
  type Learner,
  type Platform,
} from '@onex/core';

/** A learner's credentials, and all of them in one presentation. */
export interface LearnerCredentials {
  learner: Learner;
  /** Every credential issued to the learner, oldest first, whatever its status. */
  records: CredentialRecord[];
  /**
   * A VC 2.0 VerifiablePresentation embedding every one of those credentials. UNSIGNED: learners
   * hold no keys yet, so it carries no holder proof (each credential still verifies on its own).
   * `holder` is the learner's identifier when the credentials name one, else omitted.
   */
  presentation: JsonObject;
}

/** Throws NOT_FOUND for an unknown learner. */
export async function learnerPresentation(
  platform: Platform,
  learnerId: string,
): Promise<LearnerCredentials> {
  const learner = await platform.programs.getLearner(learnerId);
  const records = await platform.credentials.listForLearner(learner.id);
  const documents = records.map((r) => r.document);
  const holder = commonSubjectId(documents);
  return { learner, records, presentation: composePresentation(documents, holder ? { holder } : {}) };
}
