/** A text a person reads, in Chinese (the default) and English. */
export interface Text {
  zh: string;
  en: string;
}

export type Locale = 'zh-CN' | 'en';

export function pick(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
