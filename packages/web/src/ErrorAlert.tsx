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
  // Signed out (401): offer the sign-in page. A 403 is the account's role, which signing in again won't change.
  const unauthorized = error instanceof ApiError && error.status === 401;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.error')}
      description={errorText(error, i18n.language)}
      action={unauthorized ? <Link to="/login">{t('common.goSignIn')}</Link> : undefined}
    />
  );
}
