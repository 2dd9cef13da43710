/**
 * The `json` reporter: the `VerifyResult` as is (its `format` field versions the shape; every
 * field is documented in `src/verify/result-types.ts`), two-space indented, to `FILE`.
 */
import type { VerifyResult } from '../verify/index.js'
import { writeReport } from './reporter-types.js'
import type { Reporter } from './reporter-types.js'

/** The json report text. */
export function renderJson(result: VerifyResult): string {
  return `${JSON.stringify(result, null, 2)}\n`
}

/** The `json:FILE` reporter. */
export const jsonReporter: Reporter = {
  name: 'json',
  description: 'the whole result as JSON (format 1, documented) to FILE',
  file: 'required',
  create(io, file) {
    return {
      finish: (result) => writeReport(io, file ?? 'standin-report.json', renderJson(result)),
    }
  },
}
