import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Placeholder: sign-in arrives with accounts and roles (issue 6, items 1–2). Nothing is faked here. */
export function LoginPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('login.title')}</h1>}
      subTitle={t('login.pending')}
      extra={<Link to="/teo/settings">{t('nav.settings')}</Link>}
    />
  );
}
