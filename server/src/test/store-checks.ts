import { CompiledQuery } from 'kysely';
import { testServerStore, type TestServer } from './harness.js';

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON), with the nodes under it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * Every node of PostgreSQL's plan for `query`, as for a club with a long
 * history: sequential scans are off, since on tables this small the planner
 * rightly prefers them, and an index it can use is what the test is about.
 */
export async function postgresPlan(
  server: TestServer,
  query: { sql: string; parameters: readonly unknown[] },
): Promise<PlanNode[]> {
  return server.deps.db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
    );
    const json = rows[0]!['QUERY PLAN'];
    const [top] = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[];
    const nodes: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      nodes.push(node);
      node.Plans?.forEach(walk);
    };
    walk(top!.Plan);
    return nodes;
  });
}

/**
 * A guard the schema does not have, refusing inserts into `table` where `when`
 * (SQL over NEW) holds, as the schema's own guards refuse: SQLite's
 * RAISE(ABORT), PostgreSQL's SQLSTATE 23000. Returns what drops it again.
 */
export function refuseInserts(server: TestServer, table: string, when: string): () => void {
  if (testServerStore() === 'postgres') {
    server.sql.run(`CREATE FUNCTION test_refuse_ben() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN RAISE EXCEPTION USING ERRCODE = '23000', MESSAGE = 'refused for the test'; END $fn$`);
    server.sql.run(`CREATE TRIGGER test_refuse_ben BEFORE INSERT ON ${table}
      FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION test_refuse_ben()`);
    return () => {
      server.sql.run(`DROP TRIGGER test_refuse_ben ON ${table}`);
      server.sql.run('DROP FUNCTION test_refuse_ben()');
    };
  }
  server.sqlite.exec(`CREATE TRIGGER test_refuse_ben BEFORE INSERT ON ${table}
    WHEN ${when} BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);
  return () => server.sqlite.exec('DROP TRIGGER test_refuse_ben');
}
