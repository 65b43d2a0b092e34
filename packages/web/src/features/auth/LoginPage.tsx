import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, request } from '../../api/client.ts';
import { errorText } from '../../ErrorAlert.tsx';
import { useSessionReset } from './session.ts';

interface Provider {
  id: string;
  nameZh: string;
  nameEn: string;
}

/** Only a path of this site may be returned to after signing in (no open redirect). */
export const safeReturnTo = (value: string | null): string | null =>
  value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;

/** Email and password sign-in, and a button per configured identity provider (OIDC). */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reset = useSessionReset();
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));
  // An identity provider's sign-in that the API refused comes back as /login?error=<CODE>.
  const providerError = params.get('error');

  const providers = useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: async () => {
      try {
        return (await request<{ items: Provider[] }>('GET', '/api/v1/auth/providers')).items;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
  });
  const signIn = useMutation({
    mutationFn: () => api.signIn(email.trim(), password),
    onSuccess: async () => {
      await reset();
      // `/` sends the account on to its own first page (App's Home).
      navigate(returnTo ?? '/', { replace: true });
    },
  });
  const missing = touched && (!email.trim() ? t('auth.email') : !password ? t('auth.password') : null);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 440, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('auth.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.intro')}</Typography.Paragraph>
      {providerError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="provider-error"
          title={t('auth.failed')}
          description={`${t(`auth.providerErrors.${providerError}`, { defaultValue: t('auth.providerErrors.OTHER') })} (${providerError})`}
        />
      )}
      <Card>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (email.trim() && password) signIn.mutate();
          }}
        >
          <Flex vertical gap={12}>
            <label htmlFor={emailId}>{t('auth.email')}</label>
            <Input
              id={emailId}
              type="email"
              autoComplete="username"
              value={email}
              status={touched && !email.trim() ? 'error' : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
            <label htmlFor={passwordId}>{t('auth.password')}</label>
            <Input.Password
              id={passwordId}
              autoComplete="current-password"
              value={password}
              status={touched && !password ? 'error' : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
            {missing && (
              <Alert type="warning" showIcon role="alert" title={t('auth.required', { field: missing })} />
            )}
            {signIn.isError && (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="sign-in-error"
                title={t('auth.failed')}
                description={errorText(signIn.error, i18n.language)}
              />
            )}
            <Button type="primary" htmlType="submit" loading={signIn.isPending}>
              {t('auth.signIn')}
            </Button>
          </Flex>
        </form>
        {(providers.data?.length ?? 0) > 0 && (
          <>
            <Divider plain>{t('auth.or')}</Divider>
            <Flex vertical gap={8}>
              {providers.data!.map((p) => (
                <Button
                  key={p.id}
                  href={`/api/v1/auth/oidc/${encodeURIComponent(p.id)}/start${
                    returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''
                  }`}
                >
                  {t('auth.withProvider', { name: i18n.language === 'en' ? p.nameEn : p.nameZh })}
                </Button>
              ))}
            </Flex>
          </>
        )}
      </Card>
      <Typography.Paragraph type="secondary">{t('auth.demoHint')}</Typography.Paragraph>
    </Flex>
  );
}
