import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Flex, Layout, Menu, Tag, Typography } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import type { ItemType } from 'antd/es/menu/interface.js';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api } from './api/client.ts';
import { RequireRole } from './features/auth/RequireRole.tsx';
import { hasRole, useSession, useSessionReset } from './features/auth/session.ts';
import { type Lang, setLang } from './i18n.ts';
import { cjsDefault } from './interop.ts';
import { homeOf, type NavGroup, pages } from './pages.tsx';

const enUS = cjsDefault<Locale>(enUSModule);
const zhCN = cjsDefault<Locale>(zhCNModule);

const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

const groups: NavGroup[] = ['teo', 'institution', 'learner', 'employer', 'regulator', 'admin'];

/** The menu for the signed-in account: the pages its role may open, grouped by kind of user. */
function useMenu(): { items: ItemType[]; paths: string[] } {
  const { t } = useTranslation();
  const { principal } = useSession();
  const visible = pages.filter((p) => p.nav && (p.roles === undefined || hasRole(principal, p.roles)));
  const link = (p: (typeof pages)[number]) => ({
    key: p.path,
    label: <Link to={p.path}>{t(p.nav!.label)}</Link>,
  });
  const items: ItemType[] = visible.filter((p) => p.nav!.group === null).map(link);
  for (const group of groups) {
    const inGroup = visible.filter((p) => p.nav!.group === group);
    if (inGroup.length > 0)
      items.push({ key: `group:${group}`, label: t(`nav.groups.${group}`), children: inGroup.map(link) });
  }
  return { items, paths: visible.map((p) => p.path) };
}

/** `/`: a signed-in account's first page, the public verification page for everyone else. */
function Home() {
  const { principal, loading } = useSession();
  if (loading) return null;
  return <Navigate to={principal ? homeOf(principal.role) : '/verify'} replace />;
}

/** The signed-in account (role and how it signed in) and sign-out, or a sign-in link. */
function AccountArea() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const reset = useSessionReset();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: api.signOut,
    onSettled: async () => {
      await reset();
      navigate('/verify');
    },
  });
  if (!principal) {
    return (
      <Link to="/login" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
        {t('auth.signIn')}
      </Link>
    );
  }
  return (
    <Flex gap={8} align="center">
      <Tag
        color="blue"
        data-testid="account-role"
        title={`${t('auth.signedInAs')}: ${principal.orgId ?? ''}`}
      >
        {t(`auth.roles.${principal.role}`)}
      </Tag>
      <Button size="small" loading={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('auth.signOut')}
      </Button>
    </Flex>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { pathname } = useLocation();
  const menu = useMenu();
  const selected =
    menu.paths.filter((p) => pathname.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';

  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      // Someone who asked their system for less motion gets none (antd's fades and spinners' exits).
      theme={{ token: { colorPrimary: '#1d4ed8', motion: !reducedMotion } }}
      // Two-character Chinese labels keep their accessible name (no inserted space).
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <a className="skip-link" href="#main">
          {t('app.skip')}
        </a>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
            <Link to="/verify" style={{ color: '#fff', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>
              {t('app.title')}
            </Link>
            <nav aria-label={t('app.title')} style={{ flex: 1, minWidth: 0 }}>
              <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={menu.items} />
            </nav>
            <AccountArea />
            <Button
              lang={lang === 'en' ? 'zh-CN' : 'en'}
              aria-label={`${t('app.language')}: ${t('app.switchTo')}`}
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
            >
              {t('app.switchTo')}
            </Button>
          </Layout.Header>
          <Layout.Content
            id="main"
            tabIndex={-1}
            style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}
          >
            <Routes>
              <Route path="/" element={<Home />} />
              {pages.map((p) => (
                <Route
                  key={p.path}
                  path={p.path}
                  element={p.roles ? <RequireRole roles={p.roles}>{p.element}</RequireRole> : p.element}
                />
              ))}
              <Route path="*" element={<Navigate to="/verify" replace />} />
            </Routes>
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center' }}>
            <Typography.Text type="secondary">
              OneX · <a href="/docs">API</a>
            </Typography.Text>
          </Layout.Footer>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
