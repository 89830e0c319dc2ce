import type { AssetRequestLine, LandingPage, Objective } from './brief-parts.js';

/** A rule the brief schema adds after the shapes are valid; `path` is relative to what was checked. */
export interface BriefCheck {
  path: (string | number)[];
  message: string;
}

/** The target a growth goal asks for: the baseline plus `growth` percent, in whole units. */
export function grownTarget(baseline: number, growth: number): number {
  return Math.round(baseline * (1 + growth / 100));
}

/** A growth goal needs its baseline, and then its target must be that growth over it. */
export function checkObjectiveGrowth(objective: Objective): BriefCheck[] {
  const { baseline, growth, target } = objective;
  if (growth === undefined) return [];
  if (baseline === undefined) {
    return [
      {
        path: ['baseline'],
        message: `a growth of ${growth}% needs the value it grows from; give the baseline (the value today)`,
      },
    ];
  }
  const expected = grownTarget(baseline, growth);
  // One unit or half a percent of slack: people round the target they write down.
  if (Math.abs(target - expected) > Math.max(1, expected * 0.005)) {
    return [
      {
        path: ['target'],
        message: `is ${target}, but ${growth}% over the baseline ${baseline} is ${expected}; change the target, the growth or the baseline`,
      },
    ];
  }
  return [];
}

interface BriefParts {
  assets: readonly AssetRequestLine[];
  landingPages?: readonly LandingPage[] | undefined;
}

/** Names, platform splits, promoted types and landing page purposes must agree with the counts. */
export function checkBriefExtras(brief: BriefParts): BriefCheck[] {
  const out: BriefCheck[] = [];
  brief.assets.forEach((line, i) => {
    const at = (...rest: (string | number)[]) => ['assets', i, ...rest];
    if (line.names) {
      if (line.names.length !== line.count) {
        out.push({
          path: at('names'),
          message: `names ${line.names.length} (${line.names.join(', ')}) for ${line.count} ${line.type} assets; name each one or change the count`,
        });
      }
      const twice = line.names.find((name, j) => line.names?.indexOf(name) !== j);
      if (twice !== undefined) out.push({ path: at('names'), message: `names "${twice}" twice` });
    }
    if (line.platforms) {
      if (line.type !== 'social-post') {
        out.push({ path: at('platforms'), message: 'only social posts are split across platforms' });
      }
      const sum = line.platforms.reduce((s, p) => s + p.count, 0);
      if (sum !== line.count) {
        out.push({
          path: at('platforms'),
          message: `split ${sum} posts across platforms, but the count is ${line.count}`,
        });
      }
      const seen = new Set<string>();
      for (const share of line.platforms) {
        if (seen.has(share.platform)) {
          out.push({ path: at('platforms'), message: `lists ${share.platform} twice` });
        }
        seen.add(share.platform);
      }
      if (line.platform && line.platforms.some((p) => p.platform !== line.platform)) {
        out.push({
          path: at('platform'),
          message: `is ${line.platform}, but platforms splits the posts; give one or the other`,
        });
      }
    }
    if (line.promotes !== undefined) {
      if (line.promotes === line.type) {
        out.push({ path: at('promotes'), message: `a ${line.type} cannot promote its own type` });
      } else if (!brief.assets.some((other) => other.type === line.promotes)) {
        out.push({
          path: at('promotes'),
          message: `promotes ${line.promotes} assets, but the brief requests none; add a ${line.promotes} line`,
        });
      }
    }
  });
  const purposes = new Set<string>();
  (brief.landingPages ?? []).forEach((page, i) => {
    const key = page.purpose.trim().toLowerCase();
    if (purposes.has(key)) {
      out.push({
        path: ['landingPages', i, 'purpose'],
        message: `${page.purpose} has two landing pages; give each purpose one address`,
      });
    }
    purposes.add(key);
  });
  return out;
}
