// @ts-check
/**
 * The floors of src/ (DESIGN.md, "Floors"): a folder imports only folders on a lower floor, never
 * one beside it or above it, and only through the other folder's door (its index.ts). Run by
 * `npm run lint` (depcruise src), so CI fails on an import that runs up the house or round a
 * circle.
 *
 *   8  src/index.ts, src/browser.ts      the public entries
 *   7  cli                               the `standin` command
 *   6  traffic, registry                 after the swap: proxy, compare, drift, summary; the
 *                                       contract registry (storage, HTTP API, page, can-swap)
 *   5  report                            reporters over verify's result model
 *   4  serve, verify, types, interop     the stand-in served, the contract tests, TS codegen, import/export
 *   3  lint, diff, protocol, mock,       capabilities over a loaded contract and its generator;
 *      recording                         recordings and datasets of real inputs (JSON Lines, CSV)
 *   2  generate                          JSON Schema -> seeded value generator
 *   1  contract                          load, check, resolve $refs, compile validators
 *   0  json, src/*.ts (errors, problem-codes, colour, plural, version)   the ground floor
 */
const floors = [
  // json/ and every file at the top of src/ but the two entries (errors, problem-codes, colour, ...)
  ['json', '(?!index\\.ts$|browser\\.ts$)[a-z-]+\\.ts'],
  ['contract'],
  ['generate'],
  ['lint', 'diff', 'protocol', 'mock', 'recording'],
  ['serve', 'verify', 'types', 'interop'],
  ['report'],
  ['traffic', 'registry'],
  ['cli'],
  ['index\\.ts', 'browser\\.ts'],
]

/** `^src/(a|b)(/|$)`: the files of some rooms. */
const rooms = (names) => `^src/(${names.join('|')})(/|$)`

/** One rule per room: it may import neither a room beside it nor one on a higher floor. */
const floorRules = floors.flatMap((floor, level) =>
  floor.map((room) => {
    const label = room.startsWith('(?!') ? 'src/*.ts' : `src/${room.replace(/\\\./g, '.')}`
    const higher = floors.slice(level + 1).flat()
    // The ground floor is one room: json/ may use errors.ts. Rooms on other floors are peers.
    const beside = level === 0 ? [] : floor.filter((other) => other !== room)
    return {
      name: `floors:${label}`,
      comment: `${label} is on floor ${level}: it imports only lower floors.`,
      severity: 'error',
      from: { path: rooms([room]) },
      to: { path: rooms([...beside, ...higher]) },
    }
  }),
)

/** @type {import('dependency-cruiser').IConfiguration} */
// eslint-disable-next-line no-undef -- a CommonJS config file
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import circles in src/, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'one-door',
      comment:
        "Another folder is imported only through its door, its index.ts (STYLE.md 'Layout').",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'entries-use-doors',
      comment: 'src/index.ts and src/browser.ts import each folder through its door.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (the entries and the bin are the roots).',
      severity: 'error',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['^src/(index|browser)\\.ts$', '^src/cli/bin\\.ts$', '\\.d\\.ts$', '\\.json$'],
      },
      to: {},
    },
    ...floorRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/contract/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
}
