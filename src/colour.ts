/**
 * The one colour policy, for the CLI and the console reporter:
 * 1. `--color` / `--no-color` when given (`color` here);
 * 2. `FORCE_COLOR`, when set and not empty, forces colour on, except `0` and `false`, which turn
 *    it off (https://force-color.org, as Node and supports-color read it);
 * 3. `NO_COLOR`, when set and not empty, turns colour off (https://no-color.org: an empty value
 *    does not count);
 * 4. otherwise colour when standard output is a terminal whose `TERM` is not `dumb`.
 */

/** What the policy looks at. */
export interface ColourInputs {
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  /** `--color` (true) or `--no-color` (false), when given. */
  readonly color?: boolean
}

/**
 * True when output should be coloured.
 *
 * @example
 * useColour({ isTTY: false, env: { FORCE_COLOR: '1' } }) // true
 */
export function useColour(inputs: ColourInputs): boolean {
  if (inputs.color !== undefined) return inputs.color
  const force = inputs.env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  const no = inputs.env.NO_COLOR
  if (no !== undefined && no !== '') return false
  return inputs.isTTY && inputs.env.TERM !== 'dumb'
}
