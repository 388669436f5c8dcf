/**
 * `cem analyze` reads the elements' JSDoc (descriptions, @fires, @csspart, @cssprop) and the
 * base class's decorated properties; scripts/manifest.mjs then completes the manifest from the
 * widget specs themselves (every option and `<field>-field` attribute with its default, typed
 * events, the parts the templates really render, custom properties with their defaults, dist paths).
 */
export default {
  globs: ['src/widgets/*/element.ts', 'src/core/element/kpi-element.ts'],
  exclude: ['src/widgets/*/messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
