import { zeroCost } from '../../artifacts/campaign-state.js';
import { findingExists, ResearchData, ResearchReport, researchPath } from '../../artifacts/research.js';
import type { Problem } from '../../errors.js';
import { renderArtifact } from '../../files/artifact-file.js';
import { bullets, table } from '../../files/markdown.js';
import type { EvidenceResult } from '../../llm/llm.js';
import { ask, campaignSystem } from '../ask.js';
import type { ArtifactKind, Stage, StageContext } from '../stage.js';
import { addCost, gatherEvidence, researchPrompt } from './evidence.js';
import { readKeywordInputs, readPastReports } from './inputs.js';
import {
  comparisonTable,
  failuresSection,
  keywordDataSection,
  sinceLastCycleSection,
  volumeDifficultyChart,
} from './render.js';
import {
  evidenceCheckpoints,
  exportVolumes,
  mergeSources,
  provideSources,
  storedRetrievalCheckpoints,
} from './sources.js';
export function researchCheckpoints(data: ResearchData): Problem[] {
  const problems: Problem[] = [];
  const count = (where: string, n: number, min: number, max: number, what: string) => {
    if (n < min || n > max)
      problems.push({ where, message: `has ${n} ${what}; the checkpoint asks for ${min}–${max}` });
  };
  count('competitors', data.competitors.length, 3, 5, 'competitor profiles');
  count('trends', data.trends.length, 5, 10, 'trends');
  const ids = new Set(data.sources.map((s) => s.id));
  const cites = (where: string, sources: string[]) => {
    for (const id of sources) {
      if (!ids.has(id))
        problems.push({ where, message: `cites source ${id}, which is not in the sources list` });
    }
  };
  data.competitors.forEach((c, i) => {
    cites(`competitors[${i}].sources`, c.sources);
  });
  data.trends.forEach((t, i) => {
    cites(`trends[${i}].sources`, t.sources);
  });
  data.audience.painPoints.forEach((p, i) => {
    cites(`audience.painPoints[${i}].sources`, p.sources);
  });
  data.audience.motivations.forEach((p, i) => {
    cites(`audience.motivations[${i}].sources`, p.sources);
  });
  data.sinceLastCycle?.forEach((c, i) => {
    cites(`sinceLastCycle[${i}].sources`, c.sources);
  });
  data.sources.forEach((s, i) => {
    if (s.kind === 'web' && !s.url)
      problems.push({
        where: `sources[${i}].url`,
        message: `${s.id} is a web source without the URL retrieved`,
      });
  });
  data.keywords.forEach((k, i) => {
    if (k.volumeSource !== 'estimate' && !ids.has(k.volumeSource)) {
      problems.push({
        where: `keywords[${i}].volumeSource`,
        message: `"${k.volumeSource}" is neither a source id nor "estimate"`,
      });
    }
  });
  data.insights.forEach((insight, i) => {
    insight.basedOn.forEach((ref, j) => {
      if (!findingExists(data, ref)) {
        problems.push({
          where: `insights[${i}].basedOn[${j}]`,
          message: `"${ref}" does not name a finding in this report`,
        });
      }
    });
  });
  return problems;
}

/** A stored report: the stage's rules, plus its retrieval rules against what the report stores. */
export function researchReportCheckpoints(report: ResearchReport): Problem[] {
  return [...researchCheckpoints(report), ...storedRetrievalCheckpoints(report)];
}

export const researchArtifact: ArtifactKind<ResearchReport> = {
  kind: 'research',
  schema: ResearchReport,
  checkpoints: researchReportCheckpoints,
};

function sourceLabel(ids: string[]): string {
  return ids.length ? ids.map((id) => `[${id}]`).join('') : 'no source';
}

export function renderResearch(data: ResearchReport): string {
  const volume = (k: ResearchData['keywords'][number]) =>
    k.volumeSource === 'estimate'
      ? `~${k.monthlySearchVolume.toLocaleString('en-US')} (estimate)`
      : `${k.monthlySearchVolume.toLocaleString('en-US')} [${k.volumeSource}]`;
  return [
    '# Research report',
    data.summary,
    sinceLastCycleSection(data),
    '## Competitors',
    '### Side by side',
    comparisonTable(data),
    ...data.competitors.map((c) =>
      [`### ${c.name}`, '**Strengths**', bullets(c.strengths), '**Weaknesses**', bullets(c.weaknesses)].join(
        '\n\n',
      ),
    ),
    '## Audience',
    '### Pain points',
    bullets(data.audience.painPoints.map((p) => `${p.text} ${sourceLabel(p.sources)}`)),
    '### Motivations',
    bullets(data.audience.motivations.map((p) => `${p.text} ${sourceLabel(p.sources)}`)),
    '## Market trends',
    table(
      ['#', 'Trend', 'Why it matters here', 'Sources'],
      data.trends.map((t, i) => [i + 1, t.title, t.whyItMatters, sourceLabel(t.sources)]),
    ),
    '## Keyword opportunities',
    table(
      ['Keyword', 'Monthly searches', 'Intent', 'Difficulty'],
      data.keywords.map((k) => [k.keyword, volume(k), k.intent, k.difficulty ?? '—']),
    ),
    data.keywords.some((k) => k.volumeSource === 'estimate')
      ? '_Volumes marked "estimate" are the model\'s estimates, not measured data. Add keyword exports to `campaigns/<id>/data/` for real figures._'
      : '',
    volumeDifficultyChart(data),
    keywordDataSection(data),
    '## Actionable insights',
    ...data.insights.map(
      (x, i) => `${i + 1}. **${x.insight}** — ${x.action} _(based on ${x.basedOn.join(', ')})_`,
    ),
    '## Sources',
    ...data.sources.map(
      (s, i) =>
        `${i + 1}. **${s.id}** ${s.url ? `[${s.title}](${s.url})` : s.title} — ${
          s.kind === 'model-knowledge' ? 'model knowledge, not retrieved or verified' : s.kind
        }${s.retrieved ? `, retrieved ${s.retrieved}` : ''}`,
    ),
    failuresSection(data),
  ]
    .filter(Boolean)
    .join('\n\n');
}

export const researchStage: Stage = {
  name: 'research',
  title: 'Research',
  checklist: [
    '3–5 competitor profiles with strengths and weaknesses',
    'Audience pain points and motivations',
    '5–10 relevant market trends',
    'Keywords with search volume and its source',
    'Actionable insights',
  ],
  onMerge: 'approves the research; Crescendo then writes the strategy from it',
  writes: (id) => [researchPath(id)],
  artifacts: [researchArtifact as ArtifactKind<unknown>],
  async run(ctx: StageContext) {
    const { brief } = ctx.campaign;
    const today = ctx.now.toISOString().slice(0, 10);
    const system = campaignSystem(
      ctx,
      'You are the researcher: competitive intelligence, audience insight, trends, keywords.',
    );
    const keywords = await readKeywordInputs(ctx, brief.id);
    const past = await readPastReports(ctx);
    for (const w of [...keywords.warnings, ...past.warnings]) ctx.log(`  warning: ${w}`);

    let evidence: EvidenceResult | undefined;
    let gatherCost = zeroCost();
    if (ctx.llm.gather) {
      ctx.log('  phase 1: searching and fetching sources');
      const gathered = await gatherEvidence(ctx, system);
      evidence = gathered.evidence;
      gatherCost = gathered.cost;
    }
    const provided = provideSources(evidence?.sources ?? [], keywords.files, past.reports, today);
    ctx.log(`  ${evidence ? 'phase 2: ' : ''}structuring competitors, audience, trends and keywords`);
    const { data, cost } = await ask(ctx, 'research', {
      task: 'research',
      system,
      prompt: researchPrompt(ctx, provided, evidence, keywords, past.reports),
      schema: ResearchData,
      check: (d) => [
        // Provided sources count as listed, so the model need not copy them.
        ...researchCheckpoints({ ...d, sources: mergeSources(d, provided) }),
        ...evidenceCheckpoints(d, provided, keywords.report, evidence !== undefined),
      ],
    });
    const report: ResearchReport = {
      ...data,
      sources: mergeSources(data, provided),
      ...(evidence?.failures.length ? { retrievalFailures: evidence.failures } : {}),
      ...(keywords.report
        ? {
            keywordData: {
              files: keywords.files,
              sourceIds: [...provided.keywordFiles.values()],
              clusters: keywords.report.clusters.map(({ name, keywords: k, totalVolume, score }) => ({
                name,
                keywords: k,
                totalVolume,
                score,
              })),
              warnings: keywords.warnings,
              volumes: exportVolumes(keywords.report, provided),
            },
          }
        : {}),
      ...(past.reports.length
        ? {
            pastReports: past.reports.map((r) => ({
              path: r.path,
              campaign: r.campaign,
              period: r.period,
              headline: r.headline,
              roi: r.roi,
              sourceId: provided.reports.get(r.path) ?? '',
            })),
          }
        : {}),
    };
    const meta = {
      kind: 'research',
      campaign: brief.id,
      generated: ctx.now.toISOString(),
      sample: ctx.llm.isSample,
    };
    return {
      files: [
        {
          path: researchPath(brief.id),
          content: renderArtifact(meta, { research: report }, renderResearch(report)),
        },
      ],
      summary: bullets([
        `${data.competitors.length} competitor profiles, ${data.trends.length} trends, ${data.keywords.length} keywords, ${data.insights.length} insights, ${report.sources.length} sources`,
        `${data.keywords.filter((k) => k.volumeSource === 'estimate').length} keyword volumes are estimates`,
        ...(evidence
          ? [`${evidence.sources.length} pages retrieved, ${evidence.failures.length} lookups failed`]
          : []),
      ]),
      cost: addCost(gatherCost, cost),
    };
  },
};
