import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../api/client.ts';
import { hasRole, useSession } from './session.ts';

/**
 * A page for signed-in accounts of some roles. The API enforces the same policies on every call;
 * this only spares a reader a page of refusals.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { principal, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin aria-label={t('common.loading')} />;
  if (!principal) {
    const returnTo = encodeURIComponent(location.pathname + location.search);
    return (
      <Result
        status="403"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('auth.signInToContinue')}</h1>}
        extra={
          <Link to={`/login?returnTo=${returnTo}`}>
            <Button type="primary">{t('auth.signIn')}</Button>
          </Link>
        }
      />
    );
  }
  if (!hasRole(principal, roles)) {
    return (
      <Result
        status="403"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('auth.notAllowed')}</h1>}
        subTitle={t(`auth.roles.${principal.role}`)}
      />
    );
  }
  return children;
}
