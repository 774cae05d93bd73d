// @ts-check
/**
 * The import rules `npm run lint` enforces beyond ESLint's (CONTRIBUTING.md, "Floors"): no import loops,
 * the kernel of libs/core at the bottom of it, and libs/core below libs/http.
 * test/repository/boundaries.spec.ts shows each rule failing on a deliberate violation.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const KERNEL = '^libs/core/src/(clock|errors|access|audit|settings|platform|metrics|transaction)/';

module.exports = {
  forbidden: [
    {
      name: 'no-import-loop',
      comment:
        'Files never import each other in a loop, directly or through others: a loop decides what is still ' +
        'undefined while a file loads (Nest modules, decorators), and ties features that should stand apart. ' +
        'Type-only imports count too: an entity relation to a feature above is named by entity name and typed ' +
        'by its key (see User.family), so no feature names another that stands on it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-feature',
      comment:
        'The kernel (clock, errors, access, audit, settings, platform, metrics, transaction) is ' +
        "libs/core's bottom floor: it never imports a feature, so every feature can stand on it.",
      severity: 'error',
      from: { path: KERNEL },
      to: { path: '^libs/core/src/', pathNot: [KERNEL, '^libs/core/src/entity-class\\.ts$'] },
    },
    {
      name: 'core-imports-no-http',
      comment:
        'libs/http (the guard, route decorators, error filter, pipes, health and metrics routes) stands on ' +
        'libs/core, never under it: the services know nothing of HTTP, so the worker can call them too.',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^libs/http/' },
    },
    {
      name: 'feature-enters-by-index',
      comment:
        'A folder of libs/core (a feature or a kernel part) is entered by its index.ts only: what it exports ' +
        'there is its public face, the rest is its own to change. Files inside one folder import each other ' +
        'freely; libs/core/src/index.ts and the files beside it (entities.ts, entity-class.ts) are not folders.',
      severity: 'error',
      from: { path: '^libs/core/src/([^/]+)/' },
      to: {
        path: '^libs/core/src/[^/]+/',
        pathNot: ['^libs/core/src/$1/', '^libs/core/src/[^/]+/index\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
