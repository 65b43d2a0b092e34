import { defineMessages } from '../../messages.ts';

export const authMessages = defineMessages(
  {
    auth: {
      title: '登录',
      intro:
        '使用单位管理员为您开通的账号登录。没有账号？请联系所在单位（评价组织、院校或用人单位）的管理员。',
      email: '邮箱',
      password: '密码',
      signIn: '登录',
      signingIn: '登录中…',
      signOut: '退出登录',
      signedInAs: '当前账号',
      or: '或',
      withProvider: '通过 {{name}} 统一身份认证登录',
      failed: '登录失败',
      required: '请填写{{field}}',
      demoHint: '首次运行 npm start 时，终端会打印每个角色的演示账号与密码。',
      notAllowed: '当前账号无权访问此页面。',
      signInToContinue: '请登录后继续。',
      providerErrors: {
        OIDC_NO_ACCOUNT: '该身份没有对应的 OneX 账号。请联系单位管理员先为您开通账号。',
        OIDC_EMAIL_NOT_VERIFIED: '身份提供方未确认该邮箱，无法登录。',
        OIDC_WRONG_ORGANIZATION: '该账号不属于此身份提供方所在的单位。',
        OIDC_STATE_INVALID: '登录请求已失效或被篡改，请重新登录。',
        OIDC_FAILED: '身份提供方拒绝了登录或无法访问。',
        OTHER: '统一身份认证登录失败。',
      },
      roles: {
        REGULATOR_ADMIN: '监管管理员',
        TEO_ADMIN: '评价组织管理员',
        ASSESSOR: '考评员',
        INSTITUTION_ADMIN: '院校管理员',
        TEACHER: '教师',
        LEARNER: '学习者',
        EMPLOYER_HR: '用人单位人事',
      },
      via: {
        session: '登录会话',
        'api-key': 'API 密钥',
        'admin-token': '管理令牌',
      },
    },
  },
  {
    auth: {
      title: 'Sign in',
      intro:
        'Sign in with the account your organization’s administrator made for you. No account? Ask the administrator of your organization (TEO, college or employer).',
      email: 'Email',
      password: 'Password',
      signIn: 'Sign in',
      signingIn: 'Signing in…',
      signOut: 'Sign out',
      signedInAs: 'Signed in as',
      or: 'or',
      withProvider: 'Sign in with {{name}}',
      failed: 'Sign-in failed',
      required: 'Enter your {{field}}',
      demoHint: 'On the first `npm start`, the terminal prints a demo account and password for each role.',
      notAllowed: 'Your account may not open this page.',
      signInToContinue: 'Sign in to continue.',
      providerErrors: {
        OIDC_NO_ACCOUNT:
          'This identity has no OneX account. Ask your organization’s administrator to make one first.',
        OIDC_EMAIL_NOT_VERIFIED:
          'The identity provider has not verified this email, so it cannot sign you in.',
        OIDC_WRONG_ORGANIZATION:
          'This account does not belong to the organization of this identity provider.',
        OIDC_STATE_INVALID: 'The sign-in request expired or was tampered with. Sign in again.',
        OIDC_FAILED: 'The identity provider refused the sign-in or could not be reached.',
        OTHER: 'Signing in through the identity provider failed.',
      },
      roles: {
        REGULATOR_ADMIN: 'Regulator admin',
        TEO_ADMIN: 'TEO admin',
        ASSESSOR: 'Assessor',
        INSTITUTION_ADMIN: 'College admin',
        TEACHER: 'Teacher',
        LEARNER: 'Learner',
        EMPLOYER_HR: 'Employer HR',
      },
      via: {
        session: 'session',
        'api-key': 'API key',
        'admin-token': 'admin token',
      },
    },
  },
);
