/**
 * The engine's architecture, checked on every `npm test` (`npm run deps`):
 * - no import cycle anywhere;
 * - a stage never imports another stage: stages talk only through artifacts;
 * - artifacts, assets, channels and planning never import a stage, the runner or an entry point.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'stages-talk-through-artifacts',
      comment: 'A stage imports artifacts, never another stage (the stage registry and contract excepted).',
      severity: 'error',
      from: { path: '^actions/engine/stages/([^/]+)/' },
      to: { path: '^actions/engine/stages/([^/]+)/', pathNot: '^actions/engine/stages/$1/' },
    },
    {
      name: 'parts-below-stages',
      comment: 'Artifacts and parts never depend on stages, the runner or entry points.',
      severity: 'error',
      from: {
        path: '^actions/engine/(artifacts|assets|channels|planning|files|keywords|llm|forge|publishers|importers|attribution)/',
      },
      to: { path: '^actions/engine/(stages/[^/]+/|runner/|action/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
