import type { z } from 'zod';
import type { AssetContext } from './shared/context.js';
import type { ContentProblem } from './shared/problems.js';

/** A file next to the asset's markdown: `pathSuffix` is appended to the asset path without its `.md`. */
export interface ExtraFile {
  pathSuffix: string;
  content: string;
}

export interface RenderedAsset {
  /** The asset file: YAML front matter, then the copy as markdown. */
  markdown: string;
  /** Ready-to-ship forms: landing page HTML, one HTML file per email, … */
  extra: ExtraFile[];
}

/** What each asset type provides: the shape the model fills, its rules, and its renderer. */
export interface AssetModule<Data> {
  schema: z.ZodType<Data>;
  /** Rules beyond the shape; runs on data the schema accepted. */
  check(data: Data, ctx: AssetContext): ContentProblem[];
  render(data: Data, ctx: AssetContext): RenderedAsset;
  /** The slug the asset's file is named after. */
  slug(data: Data): string;
}
