/**
 * The header on every answer of the stand-in, whatever the protocol: `x-standin:
 * standin/<version>`. verify reads it to know it is judging the stand-in, not a model (issue 10).
 */
export const standinHeader = 'x-standin'

/** The header's value for standin `version`. */
export function standinStamp(version: string): string {
  return `standin/${version}`
}
