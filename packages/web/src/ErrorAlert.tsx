import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from './api/client.ts';

/** An API error in the reader's language, with its stable code. */
export function errorText(error: unknown, lang: string): string {
  if (error instanceof ApiError) {
    const zh = error.problem.messageZh;
    return `${lang === 'en' || !zh ? error.problem.message : zh} (${error.problem.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  // Until sign-in exists, a refused read or write asks for the admin token.
  const unauthorized = error instanceof ApiError && (error.status === 401 || error.status === 403);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.error')}
      description={errorText(error, i18n.language)}
      action={unauthorized ? <Link to="/teo/settings">{t('common.goSettings')}</Link> : undefined}
    />
  );
}
