import { App as AntApp, Button, ConfigProvider, Layout, Menu, Typography } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './features/login/LoginPage.tsx';
import { SessionDetailPage } from './features/teo/SessionDetailPage.tsx';
import { SessionsPage } from './features/teo/SessionsPage.tsx';
import { SettingsPage } from './features/teo/SettingsPage.tsx';
import { VerifyPage } from './features/verify/VerifyPage.tsx';
import { WalletPage } from './features/wallet/WalletPage.tsx';
import { type Lang, setLang } from './i18n.ts';
import { cjsDefault } from './interop.ts';

const enUS = cjsDefault<Locale>(enUSModule);
const zhCN = cjsDefault<Locale>(zhCNModule);

const sections = [
  { key: '/verify', label: 'nav.verify' },
  { key: '/teo/sessions', label: 'nav.sessions' },
  { key: '/wallet', label: 'nav.wallet' },
  { key: '/teo/settings', label: 'nav.settings' },
  { key: '/login', label: 'nav.login' },
] as const;

export function App() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { pathname } = useLocation();
  const selected = [...sections].reverse().find((s) => pathname.startsWith(s.key))?.key ?? '/verify';

  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1d4ed8' } }}
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
              <Menu
                theme="dark"
                mode="horizontal"
                selectedKeys={[selected]}
                items={sections.map((s) => ({ key: s.key, label: <Link to={s.key}>{t(s.label)}</Link> }))}
              />
            </nav>
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
              <Route path="/" element={<Navigate to="/verify" replace />} />
              <Route path="/verify" element={<VerifyPage />} />
              <Route path="/teo/sessions" element={<SessionsPage />} />
              <Route path="/teo/sessions/:id" element={<SessionDetailPage />} />
              <Route path="/teo/settings" element={<SettingsPage />} />
              <Route path="/wallet" element={<WalletPage />} />
              <Route path="/wallet/:learnerId" element={<WalletPage />} />
              <Route path="/login" element={<LoginPage />} />
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
