import { describe, expect, it } from 'vitest';
import type { JsonObject } from './credential.model.ts';
import { commonSubjectId, composePresentation } from './presentation.ts';

const vc = (subjectId?: string): JsonObject => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: 'did:example:issuer',
  credentialSubject: subjectId ? { id: subjectId } : { name: 'x' },
});

describe('composePresentation', () => {
  it('embeds every credential unchanged in a VC 2.0 VerifiablePresentation without a proof', () => {
    const credentials = [vc(), vc('did:example:learner')];
    const vp = composePresentation(credentials);
    expect(vp).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: credentials,
    });
    expect(vp).not.toHaveProperty('proof');
    expect(vp).not.toHaveProperty('holder');
  });

  it('names the holder only when one is given', () => {
    expect(composePresentation([], { holder: 'did:example:learner' }).holder).toBe('did:example:learner');
  });
});

describe('commonSubjectId', () => {
  it('is the subject id every credential shares', () => {
    expect(commonSubjectId([vc('did:example:a'), vc('did:example:a')])).toBe('did:example:a');
  });

  it('is undefined when a credential has no subject id or the ids differ', () => {
    expect(commonSubjectId([vc('did:example:a'), vc()])).toBeUndefined();
    expect(commonSubjectId([vc('did:example:a'), vc('did:example:b')])).toBeUndefined();
    expect(commonSubjectId([])).toBeUndefined();
  });
});
