import type { ReactElement } from 'react';
import type { Role } from './api/client.ts';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { SessionDetailPage } from './features/teo/SessionDetailPage.tsx';
import { SessionsPage } from './features/teo/SessionsPage.tsx';
import { VerifyPage } from './features/verify/VerifyPage.tsx';
import { WalletPage } from './features/wallet/WalletPage.tsx';

/** The menu groups, one per kind of user (labels `nav.groups.*`). */
export type NavGroup = 'teo' | 'institution' | 'learner' | 'employer' | 'regulator' | 'admin';

export interface PageDef {
  path: string;
  element: ReactElement;
  /** Who may open it (signed-in accounts of these roles); absent: anyone, signed in or not. */
  roles?: readonly Role[];
  /** Shown in the menu: under a group (null: at the top level), with this i18n key as label. */
  nav?: { group: NavGroup | null; label: string };
}

// The regulator admin oversees everything, so it may open every organization's pages.
export const TEO_ROLES = ['TEO_ADMIN', 'ASSESSOR', 'REGULATOR_ADMIN'] as const satisfies Role[];
export const TEO_ADMIN_ROLES = ['TEO_ADMIN', 'REGULATOR_ADMIN'] as const satisfies Role[];
export const INSTITUTION_ROLES = [
  'INSTITUTION_ADMIN',
  'TEACHER',
  'REGULATOR_ADMIN',
] as const satisfies Role[];
export const LEARNER_ROLES = ['LEARNER'] as const satisfies Role[];
export const EMPLOYER_ROLES = ['EMPLOYER_HR'] as const satisfies Role[];
export const REGULATOR_ROLES = ['REGULATOR_ADMIN'] as const satisfies Role[];
export const ADMIN_ROLES = ['REGULATOR_ADMIN', 'TEO_ADMIN', 'INSTITUTION_ADMIN'] as const satisfies Role[];

/**
 * Every page of the application, in menu order. A feature adds its pages here; App renders the
 * routes, the role guard and the menu from this one list.
 */
export const pages: PageDef[] = [
  { path: '/verify', element: <VerifyPage />, nav: { group: null, label: 'nav.verify' } },
  { path: '/login', element: <LoginPage /> },
  {
    path: '/teo/sessions',
    element: <SessionsPage />,
    roles: TEO_ROLES,
    nav: { group: 'teo', label: 'nav.sessions' },
  },
  { path: '/teo/sessions/:id', element: <SessionDetailPage />, roles: TEO_ROLES },
  {
    path: '/wallet',
    element: <WalletPage />,
    roles: LEARNER_ROLES,
    nav: { group: 'learner', label: 'nav.wallet' },
  },
  { path: '/wallet/:learnerId', element: <WalletPage />, roles: [...LEARNER_ROLES, ...INSTITUTION_ROLES] },
];

/** Where an account lands after signing in: its first page in the menu. */
export function homeOf(role: Role): string {
  return pages.find((p) => p.nav && p.roles?.includes(role))?.path ?? '/verify';
}
