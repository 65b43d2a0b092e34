/**
 * Resident identity card numbers (GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';
const shape = /^\d{17}[\dX]$/;

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function nationalIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]!;
  return checkChars[sum % 11]!;
}

export type NationalIdProblem = 'SHAPE' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export interface ParsedNationalId {
  normalized: string;
  birthDate: string;
  birthYear: number;
  gender: 'F' | 'M';
}

/** Parses and validates an ID number; `x` is accepted for `X`. Returns the problem instead of throwing. */
export function parseNationalId(raw: string): ParsedNationalId | { problem: NationalIdProblem } {
  const id = raw.trim().toUpperCase();
  if (!shape.test(id)) return { problem: 'SHAPE' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { problem: 'BIRTH_DATE' };
  }
  if (nationalIdCheckChar(id.slice(0, 17)) !== id[17]) return { problem: 'CHECK_DIGIT' };
  return {
    normalized: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    birthYear: y,
    gender: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/** The only form in which an ID number is ever shown: `3301**********1234`. */
export function maskNationalId(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}
