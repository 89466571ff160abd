import path from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const alias = { '~': path.resolve(import.meta.dirname, 'app') }
// One id per run, shared by its workers: names the run's test databases (tests/support).
process.env.ZJCS_TEST_RUN ??= String(process.pid)
const setupFiles = ['tests/support/setup.ts']

/**
 * The slowest files first, the browser journeys before the rest: with two workers, the many short
 * database files then fill the end instead of one long walk running alone (a fresh clone has no
 * timings of its own to order by).
 */
const SLOWEST = ['narrow', 'journeys', 'work-pages', 'sealed-crawl', 'procurement', 'auction', 'scoring', 'selection', 'notices', 'credit'].map((name) => `tests/e2e/${name}.test.ts`)
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (f: TestSpecification) => {
      const known = SLOWEST.findIndex((path) => f.moduleId.endsWith(path))
      return known >= 0 ? known : f.project.name === 'e2e' ? SLOWEST.length : SLOWEST.length + 1
    }
    return (await super.sort(files)).map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f)
  }
}

/**
 * Four projects: pure unit tests; the database suites twice, on embedded PGlite and on real
 * PostgreSQL (plus the concurrency suites, which need real connections, on PostgreSQL only);
 * and the browser journeys. `npm test` runs them all, two files at a time (this machine has two
 * cores, and a journey leaves much of one idle while the browser and the server answer): the
 * journeys have a server per worker (tests/e2e/server.ts), so two of them never meet. Time limits
 * catch a hung test, not a slow machine: they are several times what a test takes here, with
 * another file running beside it.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['services/**/*.test.ts', 'app/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'], setupFiles } },
      {
        resolve: { alias },
        test: { name: 'db-pglite', include: ['tests/integration/**/*.test.ts'], env: { DB_DRIVER: 'pglite' }, globalSetup: ['tests/support/db-global.ts'], setupFiles, testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        resolve: { alias },
        test: { name: 'db-postgres', include: ['tests/integration/**/*.test.ts', 'tests/concurrency/**/*.test.ts'], env: { DB_DRIVER: 'postgres' }, globalSetup: ['tests/support/db-global.ts'], setupFiles, testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        resolve: { alias },
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/server.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
})
