import type { CredentialRecord } from '../../api/client.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * A certificate's title in the reader's language. The credential's `name` is the Chinese edition;
 * the English title is carried in its bilingual `description` (`…。<English>, certificate number N.`).
 */
export function credentialTitle(c: CredentialRecord, en: boolean): string {
  const zh = str(c.document.name);
  if (en) {
    const english = str(c.document.description)?.match(/。([^。]+?), certificate number /)?.[1];
    if (english) return english;
  }
  return zh ?? c.certificateCode ?? c.id;
}

/** The issuer's name in the reader's language (the profile's `name` is Chinese, its `description` English). */
export function issuerName(c: CredentialRecord, en: boolean): string {
  const issuer = c.document.issuer;
  if (issuer && typeof issuer === 'object') {
    const profile = issuer as Record<string, unknown>;
    return (en ? str(profile.description) : undefined) ?? str(profile.name) ?? c.issuerDid;
  }
  return str(issuer) ?? c.issuerDid;
}

/** The public verification page of a credential (what its QR code links to). */
export const verifyLink = (credentialId: string) => `/verify?credential=${encodeURIComponent(credentialId)}`;
