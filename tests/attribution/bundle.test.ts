import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../actions/engine/attribution/index.ts', import.meta.url));

describe('bundling the attribution library', () => {
  it('leaves DuckDB (native) and the BigQuery client out of an esbuild bundle', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/duckdb-node-bindings|DuckDBInstance\s*=|class DuckDBInstance/);
    expect(text).not.toMatch(/class BigQuery\b|google-auth-library/);
    expect(text).toMatch(/import\(specifier\)/);
  });
});
