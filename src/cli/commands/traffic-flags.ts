/** Flags `compare`, `drift` and `summary` share, declared once. */
import { flag } from '../flags.js'

/** `--reporter`, as verify declares it. */
export const reporterFlag = flag.string({
  short: 'r',
  repeatable: true,
  valueName: 'name[:FILE]',
  description: 'console | json:FILE | junit:FILE | html:FILE',
  defaultText: 'console',
})

/** Drift thresholds as flags (over the contract's). */
export const driftThresholdFlags = {
  'max-psi': flag.number({
    min: 0,
    max: 100,
    example: '0.2',
    description: "Largest PSI per field (default: the contract's, else 0.25)",
  }),
  'min-p-value': flag.number({
    min: 0,
    max: 1,
    example: '0.001',
    description: 'Smallest p-value per field (chi-square or Kolmogorov-Smirnov)',
  }),
}
