/**
 * The defects the project's test models can be started with, and the check each one must fail
 * (the README's table is built from this list), and the contracts it applies to when not all.
 * `good` is the model without defects.
 */
export const defects = {
  good: { fails: [], what: 'a correct model' },
  'wrong-type': { fails: ['conformance'], what: 'an output field of the wrong type' },
  'out-of-range': { fails: ['conformance'], what: 'an output number above its maximum' },
  'undeclared-field': { fails: ['conformance'], what: 'an output field the schema forbids' },
  'accepts-invalid': { fails: ['rejection'], what: 'answers 200 to invalid inputs' },
  'errors-5pct': { fails: ['failureRate'], what: '5% of valid requests answer a 500 HTML page' },
  slow: { fails: ['latency'], what: 'every valid request takes twice the promised p50 more' },
  drops: { fails: ['failureRate'], what: 'every 10th valid request drops the connection' },
  text: { fails: ['conformance'], what: 'answers text/plain instead of JSON' },
  'invariance-broken': {
    fails: ['invariance'],
    what: 'the prediction depends on casing and spacing',
  },
  'metadata-mismatch': {
    fails: ['protocol'],
    for: ['ticket-router', 'news-signals'],
    what: 'publishes metadata that disagrees with the contract (kserve-v2 tensor datatype and shape, v1 model status)',
  },
  'not-ready': {
    fails: ['protocol'],
    for: ['ticket-router', 'news-signals', 'fuel-consumption'],
    what: 'answers its readiness probes 503 (kserve-v2 ready, v1 model status, mlflow /ping)',
  },
  'metadata-not-json': {
    fails: ['protocol'],
    for: ['ticket-router', 'news-signals'],
    what: 'answers its model metadata (kserve-v2) or model status (v1) with an HTML page',
  },
  'metadata-hangs': {
    fails: ['protocol'],
    for: ['ticket-router'],
    what: 'never answers its model metadata request',
  },
  'one-class': {
    fails: ['distribution'],
    for: ['transaction-classifier', 'ticket-router', 'news-signals'],
    what: 'predicts one class for every non-example input (classifiers)',
  },
} as const

/** A defect name. */
export type Defect = keyof typeof defects

/** True for a known defect name. */
export function isDefect(name: string): name is Defect {
  return Object.hasOwn(defects, name)
}

/** True when `defect` applies to the bundled contract `name` (protocol defects need the endpoints). */
export function appliesTo(defect: Defect, name: string): boolean {
  const only = (defects[defect] as { readonly for?: readonly string[] }).for
  return only === undefined || only.includes(name)
}
