/** A message tree whose leaves are strings: the English edition must have every key of the Chinese. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/**
 * One feature's messages under its own top-level namespace (e.g. `standards`), in Chinese (the
 * default) and English. Features declare theirs next to their pages; `i18n.ts` merges them all.
 */
export interface FeatureMessages<T extends Record<string, unknown>> {
  zh: T;
  en: Widen<T>;
}

export const defineMessages = <T extends Record<string, unknown>>(
  zh: T,
  en: Widen<T>,
): FeatureMessages<T> => ({
  zh,
  en,
});
