/**
 * One direction for every import, checked by `npm run lint` (depcruise):
 *   app (the web) -> services (the domain) -> db (schema, migrations, client)
 * seeds and tests sit beside app and may use all three; nothing below them imports them.
 *
 * Inside services/, each folder has a layer and imports only folders of lower layers, never its
 * own layer's neighbours: so no two folders import each other, and a new folder states where it
 * belongs by the line it takes here. Command-line entry points (`cli.ts`, `*-cli.ts`) compose like
 * the boot does and are exempt.
 */
const LAYERS = [
  ['shared', 'config'],
  ['database', 'jobs', 'notifications', 'files', 'audit'],
  ['calendar', 'catalog', 'auth', 'orgs', 'market'],
  ['reference', 'credit', 'maintenance'],
  ['agencies', 'payments'],
  ['bids'],
  ['selection'],
  ['procurement'],
  ['supervision'],
  ['boot'],
]

const folder = (names) => `^services/(${names.join('|')})[/.]`
const CLI = 'cli\\.ts$'

const layerRules = LAYERS.map((layer, i) => ({
  name: `services-layer-${i}`,
  comment: `services/{${layer.join(',')}} may import only the layers below them: ${LAYERS.slice(0, i).flat().join(', ') || 'none'} (see .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: folder(layer), pathNot: CLI },
  to: { path: folder(LAYERS.slice(i).flat()), pathNot: '^services/$1[/.]' },
}))

module.exports = {
  forbidden: [
    {
      name: 'db-is-the-bottom',
      comment: 'db/ (schema, migrations, client) imports nothing of ours above it',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(app|services|seeds|tests)/' },
    },
    {
      name: 'services-below-the-web',
      comment: 'services/ is the domain: it knows nothing of the web, the seeds or the tests',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(app|seeds|tests)/' },
    },
    {
      name: 'web-without-seeds',
      comment: 'app/ serves production: demo data goes in through `npm run seed`, never through the web',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^(seeds|tests)/' },
    },
    {
      name: 'seeds-not-tests',
      severity: 'error',
      from: { path: '^seeds/' },
      to: { path: '^(app|tests)/' },
    },
    {
      name: 'no-circular',
      comment: 'a module that imports itself, through any path (a type-only import, such as a section reading its route\'s `typeof loader`, is no cycle at run time)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|public/build|node_modules|\\.cache)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
}
