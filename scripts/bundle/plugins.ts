import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const UNDICI_STUB = fileURLToPath(new URL('./undici-unused.ts', import.meta.url));

/** `undici` → a module that throws when used (see undici-unused.ts for why it is never reached). */
export const undiciUnused: Plugin = {
  name: 'undici-unused',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: UNDICI_STUB }));
  },
};

/**
 * zod 4 exposes every locale (about 250 kB) as `z.locales`; Crescendo's messages are English, and zod
 * registers `en` itself. The locales index is replaced by one that holds `en` only.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: args.resolveDir }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: args.pluginData as string,
      loader: 'js',
    }));
  },
};

/**
 * twitter-text's build requires core-js 2 polyfills for ES5/ES2015 features (`Object.defineProperty`,
 * `RegExp#[Symbol.replace]`, …) that every Node version Crescendo supports has natively. They are
 * required only for their side effect (patching globals), so each becomes an empty module.
 */
export const noCoreJsPolyfills: Plugin = {
  name: 'no-core-js-polyfills',
  setup(build) {
    build.onResolve({ filter: /^core-js\/modules\/(es[5-7]|web)\./ }, (args) => ({
      path: args.path,
      namespace: 'no-core-js-polyfills',
    }));
    build.onLoad({ filter: /.*/, namespace: 'no-core-js-polyfills' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Both Octokit plugins use `bottleneck/light`; the engine's own limiters import `bottleneck`, which is
 * the same class plus Redis clustering. One copy, the light one.
 */
export const oneBottleneck: Plugin = {
  name: 'one-bottleneck',
  setup(build) {
    build.onResolve({ filter: /^bottleneck$/ }, (args) =>
      build.resolve('bottleneck/light.js', { kind: args.kind, resolveDir: args.resolveDir }),
    );
  },
};

/**
 * twitter-text depends on the `punycode` package, but a bare `require('punycode')` means Node's built-in,
 * which is deprecated and prints a warning into every action log (DEP0040). Bundle the package instead.
 */
export const punycodePackage: Plugin = {
  name: 'punycode-package',
  setup(build) {
    build.onResolve({ filter: /^punycode$/ }, (args) =>
      build.resolve('punycode/punycode.js', { kind: args.kind, resolveDir: args.resolveDir }),
    );
  },
};

/**
 * `@github/issue-parser` ships a build with its own copy of the `yaml` package inlined (about 100 kB
 * minified): a second YAML parser. Its TypeScript source, which it also ships, imports `yaml`, so
 * bundling the source shares the one copy the engine uses.
 */
export const issueParserFromSource: Plugin = {
  name: 'issue-parser-from-source',
  setup(build) {
    build.onResolve({ filter: /^@github\/issue-parser$/ }, async (args) => {
      if (args.pluginData === 'issue-parser-built') return undefined;
      const built = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'issue-parser-built',
      });
      const source = built.path.replace(/dist[\\/]index\.js$/, 'src/index.ts');
      return source === built.path || built.errors.length > 0 ? undefined : { path: source };
    });
  },
};

export const BUNDLE_PLUGINS: Plugin[] = [
  undiciUnused,
  issueParserFromSource,
  zodEnglishOnly,
  noCoreJsPolyfills,
  oneBottleneck,
  punycodePackage,
];
