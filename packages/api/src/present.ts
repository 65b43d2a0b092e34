/**
 * Domain objects carry `Date`s; the wire carries ISO 8601 strings. One conversion, applied to
 * every response body, keeps presenters from repeating it.
 */
export function present<T>(value: T): Presented<T> {
  return JSON.parse(JSON.stringify(value)) as Presented<T>;
}

export type Presented<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Presented<U>[]
    : T extends object
      ? { [K in keyof T]: Presented<T[K]> }
      : T;
