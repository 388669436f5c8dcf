export default {
  globs: ['src/elements/kpi-*.ts'],
  exclude: ['src/elements/*.messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
};
