import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { test } from './fixtures'

/**
 * HQ on a real PostgreSQL cluster for the tests of one file: the cluster and HQ start before the first test
 * and stop after the last. `down()` takes HQ off the network (its data stays), `up()` brings it back on the same
 * address, as a branch sees an outage.
 */
export function useHqOnPostgres(database: string) {
  let pg: PgCluster | undefined
  let hq: RunningHq | undefined
  let dbUrl = ''
  test.beforeAll(async () => {
    pg = await startPgCluster()
    dbUrl = await pg.createDatabase(database)
    hq = await startHq({ databaseUrl: dbUrl })
  })
  test.afterAll(async () => {
    await hq?.close()
    await pg?.stop()
  })
  return {
    /** HQ's database, for the `npm run hq` admin commands a test runs against this HQ. */
    get databaseUrl(): string {
      return dbUrl
    },
    get hq(): RunningHq {
      if (!hq) throw new Error('HQ is not running: useHqOnPostgres starts it in beforeAll')
      return hq
    },
    async down(): Promise<void> {
      await this.hq.app.close()
    },
    async up(): Promise<void> {
      const port = Number(new URL(this.hq.url).port)
      hq = await startHq({ databaseUrl: dbUrl, port })
    },
  }
}
