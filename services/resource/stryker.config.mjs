// Mutation testing of bearer-token validation (`pnpm mutate`); not part of the CI suite.
import { fileURLToPath } from 'node:url'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: [fileURLToPath(import.meta.resolve('@stryker-mutator/tap-runner'))],
  coverageAnalysis: 'perTest',
  mutate: ['src/bearer/token-validator.ts', 'src/bearer/extract.ts', 'src/bearer/token-cache.ts', 'src/plugins/bearer-auth.ts'],
  // Error descriptions are prose: a changed word is not a weaker check.
  mutator: { excludedMutations: ['StringLiteral'] },
  tap: {
    testFiles: ['test/bearer/*.test.ts', 'test/reliability/revocation-feed-outage.test.ts'],
    nodeArgs: ['--conditions=keyhold-source', '--import', 'tsx'],
    forceBail: true
  },
  concurrency: 2,
  timeoutMS: 30000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '../../.stryker-tmp/resource-report.json' },
  tempDirName: '../../.stryker-tmp/resource'
}
