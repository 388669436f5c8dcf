export default {
  globs: ['src/widgets/*/element.ts'],
  exclude: ['src/widgets/*/messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
