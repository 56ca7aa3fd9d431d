// Writes the DuckDB sample files the reader tests read back. Run from the repository root with the
// verifier installed (mkdir -p .artifacts && cp -r ../shared/tools/parquet-verify .artifacts/ &&
// (cd .artifacts/parquet-verify && npm ci)):
//   node tests/Actors.Parquet.Tests/Samples/make-samples.mjs
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.cwd(), '.artifacts/parquet-verify/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');
const dir = path.dirname(fileURLToPath(import.meta.url));

const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
// Every kind our reader supports, with nulls, empty lists, null elements, non-BMP text and
// two timestamp units (TIMESTAMP_MS naive and TIMESTAMPTZ, which DuckDB stores as UTC micros).
await c.run(`CREATE TABLE t AS SELECT
    i::INTEGER AS id,
    (i * 1000000007 - 5)::BIGINT AS big,
    CASE WHEN i % 11 = 0 THEN NULL ELSE i / 7.0 END::DOUBLE AS dbl,
    CASE WHEN i % 13 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
    CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN '' ELSE 'name_' || i || ' ✓ 😀' END AS name,
    'cat_' || (i % 4) AS cat,
    CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN []::VARCHAR[] ELSE ['a' || i, NULL, 'b'] END AS tags,
    make_timestamp(1704067200000000 + i * 1001000)::TIMESTAMP_MS AS ts_ms,
    to_timestamp(1704067200 + i) AS ts_tz
  FROM range(300) r(i)`);
const variants = {
  'duckdb-snappy': `COMPRESSION snappy, ROW_GROUP_SIZE 100`,
  'duckdb-gzip': `COMPRESSION gzip, ROW_GROUP_SIZE 100`,
  'duckdb-uncompressed': `COMPRESSION uncompressed, ROW_GROUP_SIZE 100`,
  'duckdb-v2-kv': `COMPRESSION snappy, PARQUET_VERSION V2, KV_METADATA {origin: 'actors-samples', answer: '42'}`,
};
for (const [name, opts] of Object.entries(variants)) {
  const file = path.join(dir, `${name}.parquet`);
  await c.run(`COPY t TO '${file}' (FORMAT PARQUET, ${opts})`);
  process.stdout.write(`${file}\n`);
}
c.closeSync();
inst.closeSync();
