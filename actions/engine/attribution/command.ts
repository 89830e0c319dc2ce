import { parseArgs } from 'node:util';
import { CrescendoError, formatError } from '../errors.js';
import { attribute } from './attribute.js';
import { formatAttributionTable } from './format-table.js';
import { type BigQueryTarget, parseBigQueryTarget } from './ga4/bigquery.js';
import { type AttributionInput, readAttributionFiles, readBigQuery } from './read-files.js';
import { attributionJson, attributionNotes } from './report.js';
import { type MarkovOrder, MODEL_IDS, ModelId } from './schema.js';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const ATTRIBUTE_USAGE = `usage: crescendo attribute FILE… [--model first|last|linear|position|time-decay|markov|shapley|all]
                          [--order 1|2|3] [--half-life DAYS] [--lookback DAYS] [--json]
                          [--bigquery project.dataset] [--conversion-event NAME]…
  FILE               aggregated paths (path;conversions;value;nulls), touchpoints
                     (user_id,timestamp,event,channel,value) or GA4 export files (.parquet, .ndjson)
  --model            one model, a comma-separated list, or all (default)
  --order            Markov chain order (default 1)
  --half-life        time-decay half-life in days (default 7)
  --lookback         drop touches more than DAYS before a journey's end (touchpoint data)
  --json             print {totalConversions, totalValue, models, removalEffects}
  --bigquery         read the GA4 export in BigQuery instead of files (journeys grouped there)
  --conversion-event GA4 event counted as a conversion (repeatable; default purchase, generate_lead)`;

class UsageError extends Error {}

interface Request {
  files: string[];
  models: ModelId[];
  markovOrder: MarkovOrder;
  halfLifeDays?: number;
  lookbackDays?: number;
  json: boolean;
  bigquery?: BigQueryTarget;
  conversionEvents?: string[];
}

/**
 * `crescendo attribute`: reads journeys, runs the models side by side and prints a table or JSON.
 * Exit codes: 0 done, 1 bad input (the message names file:line and field), 2 usage.
 */
export async function attributeCommand(args: string[], io: CommandIo): Promise<number> {
  let request: Request | 'help';
  try {
    request = parseRequest(args);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.err(`crescendo attribute: ${error.message}`);
    io.err(ATTRIBUTE_USAGE);
    return 2;
  }
  if (request === 'help') {
    io.out(ATTRIBUTE_USAGE);
    return 0;
  }
  try {
    const options = {
      halfLifeDays: request.halfLifeDays,
      lookbackDays: request.lookbackDays,
      conversionEvents: request.conversionEvents,
    };
    const input: AttributionInput = request.bigquery
      ? await readBigQuery(request.bigquery, options)
      : await readAttributionFiles(request.files, options);
    for (const warning of input.warnings) io.err(`warning: ${warning}`);
    const result = attribute(input.table, { models: request.models, markovOrder: request.markovOrder });
    const missing = request.models.filter((id) => result.unavailable[id]);
    if (missing.length === request.models.length)
      throw new CrescendoError(
        `${missing.join(', ')} cannot be computed: ${result.unavailable[missing[0]!]}`,
        {
          fix: 'give touchpoint data (user_id,timestamp,event,channel,value) or a GA4 export, or choose another model',
        },
      );
    const notes = attributionNotes(input.table, result);
    if (request.json) {
      io.out(JSON.stringify(attributionJson(result)));
      for (const note of notes) io.err(`note: ${note}`);
    } else {
      io.out(formatAttributionTable(result));
      if (notes.length > 0) io.out(['', ...notes.map((n) => `note: ${n}`)].join('\n'));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CrescendoError)) throw error;
    io.err(formatError(error));
    return 1;
  }
}

function parseRequest(args: string[]): Request | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: 'string', default: 'all' },
      order: { type: 'string', default: '1' },
      'half-life': { type: 'string' },
      lookback: { type: 'string' },
      json: { type: 'boolean', default: false },
      bigquery: { type: 'string' },
      'conversion-event': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.bigquery !== undefined && positionals.length > 0)
    throw new UsageError('give FILE… or --bigquery, not both');
  if (values.bigquery === undefined && positionals.length === 0) throw new UsageError('no FILE given');
  const models =
    values.model === 'all'
      ? [...MODEL_IDS]
      : values.model.split(',').map((m) => {
          const parsed = ModelId.safeParse(m.trim());
          if (!parsed.success)
            throw new UsageError(`--model "${m}" is not one of ${MODEL_IDS.join(', ')}, all`);
          return parsed.data;
        });
  if (!['1', '2', '3'].includes(values.order))
    throw new UsageError(`--order must be 1, 2 or 3, not "${values.order}"`);
  return {
    files: positionals,
    models,
    markovOrder: Number(values.order) as MarkovOrder,
    halfLifeDays: days(values['half-life'], '--half-life'),
    lookbackDays: days(values.lookback, '--lookback'),
    json: values.json,
    bigquery: values.bigquery === undefined ? undefined : target(values.bigquery),
    conversionEvents: values['conversion-event'],
  };
}

function target(text: string): BigQueryTarget {
  try {
    return parseBigQueryTarget(text);
  } catch (error) {
    if (error instanceof CrescendoError) throw new UsageError(`--bigquery ${error.message}; ${error.fix}`);
    throw error;
  }
}

function days(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`${flag} must be a number of days above 0, not "${text}"`);
  return value;
}
