import type { BrandVoice } from '../../actions/engine/artifacts/brand.js';
import type { Brief } from '../../actions/engine/artifacts/brief.js';
import { parseCampaignFile } from '../../actions/engine/artifacts/campaign.js';
import { ledgerCheckpoints, parseLedger } from '../../actions/engine/artifacts/ledger.js';
import type { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { AssetType } from '../../actions/engine/assets/asset-type.js';
import { parseBriefText } from '../../actions/engine/brief-lines/brief-text.js';
import { parseConfig } from '../../actions/engine/config/config.js';
import { CrescendoError, type Problem } from '../../actions/engine/errors.js';
import { readFrontMatter } from '../../actions/engine/files/front-matter.js';
import { formatPath, parseYaml, zodProblems } from '../../actions/engine/files/yaml.js';
import { ARTIFACT_KINDS } from '../../actions/engine/stages/index.js';
import { gateProblems, overrideHowTo } from '../../actions/engine/stages/strategy/gate.js';
import { strategyFileCheckpoints } from '../../actions/engine/stages/strategy/index.js';
import { checkAssetFront } from './check-asset.js';

export interface CheckResult {
  file: string;
  kind: string;
  ok: boolean;
  problems: Problem[];
  /** Reported, never failing: recommended lengths, brand-voice hints. */
  warnings?: Problem[];
  /** How to resolve the problems, when there is one way (a strategy's warnings: override them). */
  fix?: string;
}

export interface CheckOptions {
  /** The team's brand voice (`.github/crescendo/brand.yml`), for the brand rules on content assets. */
  brand?: BrandVoice;
  /** The campaign's brief, when the caller found it (a strategy is then checked against it). */
  briefFor?: (campaignId: string) => Brief | undefined;
}

function fromError(file: string, kind: string, error: unknown): CheckResult {
  if (error instanceof CrescendoError) {
    const problems = error.problems.length ? error.problems : [{ where: file, message: error.message }];
    return { file, kind, ok: false, problems };
  }
  throw error;
}

/**
 * A strategy: its checkpoints (with the brief when known) and the plan of record agreeing with itself,
 * then its approval gate: every warning nobody accepted is a problem, said with labels, with the way
 * to override it. Problems name what they are about ("Objective 1 (500 MQLs)", "Budget"), not paths.
 */
function checkStrategy(
  file: string,
  data: StrategyData,
  id: string | undefined,
  options: CheckOptions,
): CheckResult {
  const brief = id ? options.briefFor?.(id) : undefined;
  const checkpoints = strategyFileCheckpoints(data, brief ? { brief } : {});
  const blocking = gateProblems(data).map((p) => ({
    ...p,
    message: `${p.message} (warning not overridden)`,
  }));
  const problems = [...checkpoints, ...blocking].map((p) => ({ ...p, where: `${file} — ${p.where}` }));
  return {
    file,
    kind: 'strategy',
    ok: problems.length === 0,
    problems,
    ...(blocking.length ? { fix: overrideHowTo(id ?? '<id>') } : {}),
  };
}

/** Validates any Crescendo artifact against its schema and checkpoints; never throws for bad content. */
export function checkFile(file: string, text: string, options: CheckOptions = {}): CheckResult {
  let kind = 'unknown';
  try {
    if (file.endsWith('campaign.yml') && file.includes('campaigns/')) {
      kind = 'campaign';
      parseCampaignFile(text, file);
    } else if (/(^|[\\/])campaigns[\\/][^\\/]+[\\/]ledger\.ya?ml$/.test(file)) {
      kind = 'ledger';
      const problems = ledgerCheckpoints(parseLedger(text, file)).map((p) => ({
        ...p,
        where: `${file} ${p.where}`,
      }));
      return { file, kind, ok: problems.length === 0, problems };
    } else if (file.endsWith('crescendo.yml')) {
      kind = 'config';
      parseConfig(text, file);
    } else if (/\.ya?ml$/.test(file)) {
      kind = 'brief';
      const yaml = parseYaml(text, file);
      const brief = parseBriefText(yaml.value);
      if (!brief.ok) {
        const problems = brief.problems.map((p) => ({
          where: `${file} ${formatPath(p.path)}`,
          line: yaml.lineOf(p.path),
          message: p.message,
        }));
        return { file, kind, ok: false, problems };
      }
    } else if (file.endsWith('.md')) {
      const doc = readFrontMatter(text, file);
      // Assets carry `type` (and a lead magnet its own `kind`, ebook or template); artifacts carry `kind`.
      const assetType = AssetType.safeParse(doc.data.type);
      kind = assetType.success ? assetType.data : String(doc.data.kind ?? 'unknown');
      const artifact = ARTIFACT_KINDS.find((k) => k.kind === kind);
      if (artifact) {
        const key = kind;
        const parsed = artifact.schema.safeParse(doc.data[key]);
        if (!parsed.success) {
          const problems = zodProblems(parsed.error, key).map((p) => ({
            ...p,
            where: `${file} ${p.where}`,
            line: doc.lineOf([key]),
          }));
          return { file, kind, ok: false, problems };
        }
        const id = typeof doc.data.campaign === 'string' ? doc.data.campaign : undefined;
        if (kind === 'strategy') return checkStrategy(file, parsed.data as StrategyData, id, options);
        const problems = artifact
          .checkpoints(parsed.data)
          .map((p) => ({ ...p, where: `${file} ${kind}.${p.where}` }));
        return { file, kind, ok: problems.length === 0, problems };
      }
      const asset = AssetType.safeParse(kind);
      if (asset.success) {
        const problems: Problem[] = [];
        for (const field of ['channel', 'date', 'status', 'campaign']) {
          if (typeof doc.data[field] !== 'string')
            problems.push({
              where: `${file} ${field}`,
              line: doc.lineOf([field]),
              message: 'is missing from the front matter',
            });
        }
        const { errors, warnings } = checkAssetFront(file, asset.data, doc, options.brand);
        problems.push(...errors);
        return { file, kind, ok: problems.length === 0, problems, ...(warnings.length ? { warnings } : {}) };
      }
      if (kind === 'content-index') return { file, kind, ok: true, problems: [] };
      return {
        file,
        kind,
        ok: false,
        problems: [{ where: file, message: `front matter kind "${kind}" is not a Crescendo artifact` }],
      };
    } else {
      return {
        file,
        kind,
        ok: false,
        problems: [
          {
            where: file,
            message: 'is not a file Crescendo knows (a brief, campaign.yml, ledger.yml, or a generated .md)',
          },
        ],
      };
    }
    return { file, kind, ok: true, problems: [] };
  } catch (error) {
    return fromError(file, kind, error);
  }
}
