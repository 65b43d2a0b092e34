import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../ErrorAlert.tsx';

/**
 * Puts a coded API refusal under the form fields its issues name (`body.expiresAt`,
 * `body.credentialIds.1`, …). A refusal of the consent rules names one field and carries its
 * message in both languages, shown in the reader's; a request-schema refusal (VALIDATION_FAILED)
 * has a message per issue. Returns whether any issue found a field (else the caller shows the error).
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  lang: string,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const issues = error.problem.details.issues ?? [];
  const ruleMessage = error.problem.code !== 'VALIDATION_FAILED' && issues.length === 1;
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path.split('.').find((segment) => fields.includes(segment));
    if (!field) continue;
    const text = ruleMessage ? errorText(error, lang) : `${issue.message} (${error.problem.code})`;
    byField.set(field, [...(byField.get(field) ?? []), text]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
