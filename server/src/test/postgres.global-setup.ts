import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../db/postgres/cluster.js';
import { migratePostgres, openPostgres } from '../db/postgres/connection.js';
import { testStores } from './stores.js';

const TEMPLATE = 'turnout_template';

/**
 * Starts the throwaway PostgreSQL cluster the suites run on (unless
 * TEST_DATABASE=sqlite) and migrates a template database once; each test
 * copies the template (see freshPostgresDatabase). Stopped and removed at the end.
 */
export default async function setup(project: TestProject) {
  if (!testStores().includes('postgres')) {
    project.provide('postgresUrl', '');
    project.provide('postgresTemplate', '');
    return;
  }
  const cluster = await startThrowawayCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await admin.end();
    const { db } = openPostgres(cluster.urlFor(TEMPLATE), { max: 1 });
    await migratePostgres(db);
    await db.destroy();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplate', TEMPLATE);
  return () => cluster.stop();
}
