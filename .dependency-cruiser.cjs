// Import rules of ARCHITECTURE.md §2, checked by `npm run deps` (part of `npm run check`).
// Core modules in dependency order: a module may import only those before it, through index.ts.
const order = [
  'shared',
  'crypto|merkle|status-list',
  // access (roles, policies as data, API keys, audit) needs only shared and the crypto port.
  'access',
  'catalog',
  'programs',
  // 书证融通: mappings, coverage, the optimizer and CASE need only catalog and programs.
  'curriculum',
  'assessment',
  'credentials',
  'ledger',
  'credit-bank',
  'pathways',
  'learning',
  'employers',
  'analytics',
];

const laterThan = (i) => order.slice(i + 1).join('|');
const orderRules = order.slice(0, -1).map((mods, i) => ({
  name: `core-order-${i}`,
  comment: `core/(${mods}) may not import modules that come after it`,
  severity: 'error',
  from: { path: `^packages/core/src/(${mods})/` },
  to: { path: `^packages/core/src/(${laterThan(i)})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...orderRules,
    {
      name: 'core-through-index',
      comment: 'a core module uses another only through its index.ts',
      severity: 'error',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/([^/]+)/',
        // crypto/node-provider.ts is crypto's second entry point (docs/decisions/0003), kept out of
        // index.ts so browser bundles never pull node:crypto.
        pathNot: [
          '^packages/core/src/$1/',
          '^packages/core/src/[^/]+/index\\.ts$',
          '^packages/core/src/crypto/node-provider\\.ts$',
        ],
      },
    },
    {
      name: 'core-is-pure',
      comment:
        'core does no I/O: no fs, net, http, child processes, databases or web frameworks (tests may read vendored vectors)',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: '\\.test\\.ts$|/test-[^/]*\\.ts$' },
      to: {
        path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|tls)$|node_modules/(pg|kysely|@electric-sql|fastify)',
      },
    },
    {
      name: 'core-no-outer-packages',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(db|api|cli|contracts|web)/' },
    },
    {
      name: 'db-only-core',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: '^packages/(api|cli|contracts|web)/' },
    },
    {
      name: 'contracts-only-zod',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^packages/(core|db|api|cli|web)/' },
    },
    {
      name: 'api-not-cli-web',
      severity: 'error',
      from: { path: '^packages/api/' },
      to: { path: '^packages/(cli|web)/' },
    },
    {
      name: 'cli-not-api-internals-web',
      severity: 'error',
      from: { path: '^packages/cli/' },
      to: { path: '^packages/(web)/|^packages/api/src/(?!app\\.ts|server\\.ts|index\\.ts)' },
    },
    {
      name: 'web-only-contracts',
      comment: 'the web app uses only contracts; its browser tests start the real API over a test database',
      severity: 'error',
      from: { path: '^packages/web/', pathNot: '^packages/web/test/' },
      to: { path: '^packages/(core|db|api|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
