/**
 * The defects the project's test models can be started with, and the check each one must fail
 * (the README's table is built from this list). `good` is the model without defects.
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
  'one-class': {
    fails: ['distribution'],
    what: 'predicts one class for every non-example input (classifiers)',
  },
} as const

/** A defect name. */
export type Defect = keyof typeof defects

/** True for a known defect name. */
export function isDefect(name: string): name is Defect {
  return Object.hasOwn(defects, name)
}
