import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { formatError } from '../../actions/engine/errors.js';
import { ImportError, ImportLog } from '../../actions/engine/importers/import-log.js';
import type { PullContext, PulledBatch } from '../../actions/engine/importers/importer.js';
import type { ReadOptions } from '../../actions/engine/importers/layout.js';
import { type MetricRow, MetricRow as MetricRowSchema } from '../../actions/engine/importers/metric-row.js';
import { type ByteSource, readBatches } from '../../actions/engine/importers/read.js';
import {
  type Touchpoint,
  Touchpoint as TouchpointSchema,
} from '../../actions/engine/importers/touchpoint.js';

/** Absolute path of a fixture export in tests/fixtures/importers. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/importers/${name}`, import.meta.url));
}

export interface Read {
  rows: MetricRow[];
  touchpoints: Touchpoint[];
  log: ImportLog;
}

/** Reads a whole export and checks every row and touchpoint against the published schemas. */
export async function readAll(source: ByteSource, file: string, options: ReadOptions = {}): Promise<Read> {
  const log = options.log ?? new ImportLog();
  const rows: MetricRow[] = [];
  const touchpoints: Touchpoint[] = [];
  for await (const batch of readBatches(source, file, { ...options, log })) {
    rows.push(...batch.rows);
    touchpoints.push(...batch.touchpoints);
  }
  for (const row of rows) MetricRowSchema.parse(row);
  for (const t of touchpoints) TouchpointSchema.parse(t);
  return { rows, touchpoints, log };
}

export async function readFixture(name: string, options: ReadOptions = {}): Promise<Read> {
  return readAll(fixturePath(name), name, options);
}

/** The ImportError a promise rejects with (fails the test when it resolves or throws something else). */
export async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

/** Everything an error says, as a person sees it (`formatError`): where, message, each problem, the fix. */
export function said(error: ImportError): string {
  return formatError(error);
}

/** A pull context against a fake: its URL in `urlEnv`, the credential in `tokenEnv`, retries that do not wait. */
export function pullContext(
  env: Record<string, string>,
  window = { from: '2027-04-13', to: '2027-04-15' },
): PullContext & { waits: number[] } {
  const waits: number[] = [];
  return {
    window,
    env,
    log: new ImportLog(),
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    waits,
  };
}

/** Every row and touchpoint of a pull, checked against the schemas. */
export async function pullAll(
  pages: AsyncGenerator<PulledBatch>,
): Promise<{ rows: MetricRow[]; touchpoints: Touchpoint[]; pages: number }> {
  const rows: MetricRow[] = [];
  const touchpoints: Touchpoint[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    rows.push(...page.rows);
    touchpoints.push(...page.touchpoints);
  }
  for (const row of rows) MetricRowSchema.parse(row);
  for (const t of touchpoints) TouchpointSchema.parse(t);
  return { rows, touchpoints, pages: count };
}

/** Text as a UTF-16LE file with a byte-order mark (Google Ads' and Keyword Planner's encoding). */
export function utf16(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
