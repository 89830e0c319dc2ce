import type { z } from 'zod';
import type { AssetContext } from './shared/context.js';
import type { ContentProblem } from './shared/problems.js';

/** A file next to the asset's markdown: `pathSuffix` is appended to the asset path without its `.md`. */
export interface ExtraFile {
  pathSuffix: string;
  content: string;
}

export interface RenderedAsset {
  /** The asset's copy as markdown, without front matter (artifacts/asset.ts writes the file around it). */
  markdown: string;
  /** Ready-to-ship forms: landing page HTML, one HTML file per email, … */
  extra: ExtraFile[];
}

/**
 * What each asset type provides: the shape the model fills, its rules, and its renderer. Everything an asset
 * file says beyond its data (title, slug, variants, tracked links) is derived from the data by these, so
 * the file stores each fact once.
 */
export interface AssetModule<Data> {
  schema: z.ZodType<Data>;
  /** Rules beyond the shape; runs on data the schema accepted. */
  check(data: Data, ctx: AssetContext): ContentProblem[];
  render(data: Data, ctx: AssetContext): RenderedAsset;
  /** The slug the asset's file is named after. */
  slug(data: Data): string;
  /** How a person names the asset in lists and pull requests. */
  title(data: Data): string;
  /** The page the asset sends people to (ads, social posts), before tracking parameters. */
  link?(data: Data): string | undefined;
}
