import type { ReactElement } from 'react';
import type { Role } from './api/client.ts';
import { AccountsPage } from './features/admin/AccountsPage.tsx';
import { AuditPage } from './features/admin/AuditPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { ConsentsPage } from './features/consent/ConsentsPage.tsx';
import { CreditAccountPage } from './features/credits/CreditAccountPage.tsx';
import { CurriculumPage } from './features/curriculum/CurriculumPage.tsx';
import { CandidatePage } from './features/employer/CandidatePage.tsx';
import { CandidatesPage } from './features/employer/CandidatesPage.tsx';
import { ProgrammeDetailPage } from './features/programmes/ProgrammeDetailPage.tsx';
import { ProgrammesPage } from './features/programmes/ProgrammesPage.tsx';
import { CatalogPage } from './features/regulator/CatalogPage.tsx';
import { TrustListPage } from './features/regulator/TrustListPage.tsx';
import { SitesPage } from './features/sites/SitesPage.tsx';
import { StandardPage } from './features/standards/StandardPage.tsx';
import { StandardsPage } from './features/standards/StandardsPage.tsx';
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
    path: '/teo/standards',
    element: <StandardsPage />,
    roles: TEO_ROLES,
    nav: { group: 'teo', label: 'standards.nav' },
  },
  { path: '/teo/standards/:id', element: <StandardPage />, roles: TEO_ROLES },
  {
    path: '/teo/sites',
    element: <SitesPage />,
    roles: TEO_ROLES,
    nav: { group: 'teo', label: 'sites.nav' },
  },
  {
    path: '/wallet',
    element: <WalletPage />,
    roles: LEARNER_ROLES,
    nav: { group: 'learner', label: 'nav.wallet' },
  },
  { path: '/wallet/:learnerId', element: <WalletPage />, roles: [...LEARNER_ROLES, ...INSTITUTION_ROLES] },
  {
    path: '/institution/programmes',
    element: <ProgrammesPage />,
    roles: INSTITUTION_ROLES,
    nav: { group: 'institution', label: 'programmes.nav' },
  },
  { path: '/institution/programmes/:id', element: <ProgrammeDetailPage />, roles: INSTITUTION_ROLES },
  {
    path: '/institution/programmes/:id/curriculum/:certificate/:level',
    element: <CurriculumPage />,
    roles: INSTITUTION_ROLES,
  },
  {
    path: '/learner/credits',
    element: <CreditAccountPage />,
    roles: LEARNER_ROLES,
    nav: { group: 'learner', label: 'credits.nav' },
  },
  {
    path: '/learner/credits/:learnerId',
    element: <CreditAccountPage />,
    roles: [...LEARNER_ROLES, ...INSTITUTION_ROLES],
  },
  {
    path: '/learner/consents',
    element: <ConsentsPage />,
    roles: LEARNER_ROLES,
    nav: { group: 'learner', label: 'consent.nav' },
  },
  {
    path: '/employer/candidates',
    element: <CandidatesPage />,
    roles: EMPLOYER_ROLES,
    nav: { group: 'employer', label: 'employer.nav' },
  },
  { path: '/employer/candidates/:learnerId', element: <CandidatePage />, roles: EMPLOYER_ROLES },
  {
    path: '/regulator/catalog',
    element: <CatalogPage />,
    roles: REGULATOR_ROLES,
    nav: { group: 'regulator', label: 'regulator.navCatalog' },
  },
  {
    path: '/regulator/trust-list',
    element: <TrustListPage />,
    roles: REGULATOR_ROLES,
    nav: { group: 'regulator', label: 'regulator.navTrustList' },
  },
  {
    path: '/admin/audit',
    element: <AuditPage />,
    roles: ADMIN_ROLES,
    nav: { group: 'admin', label: 'admin.navAudit' },
  },
  {
    path: '/admin/accounts',
    element: <AccountsPage />,
    roles: ADMIN_ROLES,
    nav: { group: 'admin', label: 'admin.navAccounts' },
  },
];

/** Where an account lands after signing in: its first page in the menu. */
export function homeOf(role: Role): string {
  return pages.find((p) => p.nav && p.roles?.includes(role))?.path ?? '/verify';
}
