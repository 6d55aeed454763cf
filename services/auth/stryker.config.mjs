// Mutation testing of the security-critical modules (`pnpm mutate`); not part of the CI suite.
import { fileURLToPath } from 'node:url'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: [fileURLToPath(import.meta.resolve('@stryker-mutator/tap-runner'))],
  coverageAnalysis: 'perTest',
  mutate: [
    'src/oauth/client-authentication.ts',
    'src/oauth/access-tokens.ts',
    'src/oauth/checks/*.ts',
    'src/oauth/grants/*.ts',
    'src/oauth/scope.ts',
    'src/accounts/bearer.ts',
    'src/accounts/login.ts',
    'src/clients/redirect-uri.ts',
    'src/oauth/guess-limit.ts',
    'src/admin/authenticate.ts',
    'src/interaction/csrf.ts',
    'src/oauth/authorization/held-requests.ts',
    'src/interaction/browser.ts'
  ],
  // Error descriptions are prose: a changed word is not a weaker check.
  mutator: { excludedMutations: ['StringLiteral'] },
  tap: {
    // The suites that exercise these modules; the storage, discovery and reliability suites add hours, not kills.
    testFiles: ['test/{accounts,admin,clients,flows,oauth}/**/*.test.ts'],
    nodeArgs: ['--conditions=keyhold-source', '--import', 'tsx'],
    forceBail: true
  },
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '../../.stryker-tmp/auth-report.json' },
  tempDirName: '../../.stryker-tmp/auth'
}
