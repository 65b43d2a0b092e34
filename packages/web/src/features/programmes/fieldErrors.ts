import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/**
 * Puts each issue of a coded API refusal (`details.issues`, e.g. `body.courses.0.hours` from the
 * request schema or `0.practiceHours` from the service) on the form field its path names, with
 * the error code. Returns whether any issue found a field.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  for (const issue of error.problem.details.issues ?? []) {
    const field = issue.path
      .split('.')
      .reverse()
      .find((segment) => fields.includes(segment));
    if (field)
      byField.set(field, [...(byField.get(field) ?? []), `${issue.message} (${error.problem.code})`]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
