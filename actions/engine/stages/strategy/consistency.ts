import type { StoredKpiNode, StrategyData, StrategyKpi } from '../../artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../channels/index.js';
import type { Problem } from '../../errors.js';
import { formatCount } from '../../planning/format.js';
import { METRIC_LABELS, METRIC_STAGE } from '../../planning/metrics.js';
import { objectiveLabel } from './labels.js';
import { deriveKpis } from './plan.js';

/**
 * The plan of record says each number once; the KPI table, the funnel tree and the expected results
 * are renderings of it. A strategy edited by hand must still agree with itself to the unit: these are
 * the places where it could stop agreeing, each said with names and both numbers.
 */
export function planOfRecordProblems(data: StrategyData): Problem[] {
  const problems: Problem[] = [];
  const push = (where: string, message: string) => problems.push({ where, message });
  data.objectives.forEach((o, i) => {
    const where = objectiveLabel(data.objectives, i);
    const plans = data.objectivePlans.filter((p) => p.objective === i);
    if (plans.length !== 1) {
      push(where, `has ${plans.length} plans of record; it needs exactly one`);
      return;
    }
    const p = plans[0]!;
    if (p.metric !== o.metric || p.target !== o.target) {
      push(
        where,
        `is ${formatCount(o.target)} ${o.metric}, but its plan of record is for ${formatCount(p.target)} ${p.metric}`,
      );
    }
    const sum = p.channels.reduce((s, c) => s + c.planned, 0);
    if (sum !== p.planned) {
      push(
        where,
        `its channels add up to ${formatCount(sum)}, but the plan says ${formatCount(p.planned)} planned`,
      );
    }
    if (p.tree.value !== p.target) {
      push(
        where,
        `its funnel tree starts from ${formatCount(p.tree.value)}, not the target ${formatCount(p.target)}`,
      );
    }
    for (const share of p.channels) {
      const node = p.tree.children.find((n) => n.id === share.channel);
      const name = CHANNEL_LABELS[share.channel];
      if (!node) push(where, `the funnel tree has no branch for ${name}`);
      else if (node.value !== share.planned) {
        push(
          where,
          `the funnel tree gives ${name} ${formatCount(node.value)} ${METRIC_LABELS[p.metric]}, the plan ${formatCount(share.planned)}`,
        );
      }
    }
    for (const node of p.tree.children) {
      if (!p.channels.some((s) => s.channel === node.id))
        push(where, `the funnel tree has a branch "${node.label}" the plan does not`);
    }
    if (p.period) return;
    // Campaign totals: a channel's traffic is the same number in every tree, the KPIs and the allocation.
    for (const share of p.channels) {
      const line = data.allocation.lines.find((l) => l.channel === share.channel);
      const node = p.tree.children.find((n) => n.id === share.channel);
      if (!line || !node) continue;
      const stage = METRIC_STAGE[p.metric];
      if ((stage === 'visits' || stage === 'clicks' || stage === 'impressions') && !share.note) {
        const traffic = line.traffic[stage];
        if (traffic !== share.planned) {
          push(
            where,
            `${CHANNEL_LABELS[share.channel]} plans ${formatCount(share.planned)} ${stage}, its traffic says ${traffic === undefined ? 'none' : formatCount(traffic)}`,
          );
        }
      }
      for (const d of descendants(node)) {
        if (d.stage !== 'visits' && d.stage !== 'clicks' && d.stage !== 'impressions') continue;
        const traffic = line.traffic[d.stage as 'visits' | 'clicks' | 'impressions'];
        if (traffic !== undefined && traffic !== d.value) {
          push(
            where,
            `the funnel tree gives ${CHANNEL_LABELS[share.channel]} ${formatCount(d.value)} ${d.stage}, its traffic says ${formatCount(traffic)}`,
          );
        }
      }
    }
  });
  for (const p of data.objectivePlans) {
    if (!data.objectives[p.objective])
      push('Objectives', `a plan of record names objective ${p.objective + 1}, which does not exist`);
  }
  const expected = deriveKpis(data.objectivePlans, data.allocation);
  const key = (k: StrategyKpi) => `${k.channel}|${k.metric}|${k.period ?? ''}`;
  const have = new Map(data.kpis.map((k) => [key(k), k]));
  for (const k of expected) {
    const found = have.get(key(k));
    const what = `${CHANNEL_LABELS[k.channel]} ${k.metric}${k.period ? ` a ${k.period}` : ''}`;
    if (!found) push('KPIs', `${what} is missing; the plan of record expects ${formatCount(k.target)}`);
    else if (found.target !== k.target) {
      push(
        'KPIs',
        `${what} has the target ${formatCount(found.target)}, but the plan of record says ${formatCount(k.target)}`,
      );
    }
    have.delete(key(k));
  }
  for (const k of have.values()) {
    push(
      'KPIs',
      `${CHANNEL_LABELS[k.channel]} ${k.metric} is not in the plan of record; KPIs are derived from it, not set by hand`,
    );
  }
  return problems;
}

function descendants(node: StoredKpiNode): StoredKpiNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}
