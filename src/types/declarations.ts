/**
 * The top-level declarations of a module json-schema-to-typescript wrote: each `export interface`
 * or `export type` with the doc comment above it. Its declarations start at the first column and
 * their bodies are indented, which is what the split relies on.
 */

/** One top-level declaration: the name it declares and its text (doc comment included). */
export interface Declaration {
  readonly name: string
  readonly text: string
}

/**
 * The declarations of `code`, in order; text before the first one goes with it.
 *
 * @example
 * declarations('export type A = string\n\n/** B. *\/\nexport interface B {}\n').map((d) => d.name) // ['A', 'B']
 */
export function declarations(code: string): Declaration[] {
  const out: Declaration[] = []
  let pending = ''
  for (const chunk of code.split(/\n(?=\/\*\*|export )/)) {
    const match = /^export (?:interface|type|const|enum|declare) ([\w$]+)/.exec(chunk)
    if (!match) {
      pending += `${chunk}\n`
      continue
    }
    out.push({ name: match[1] ?? '', text: `${pending}${chunk}`.trim() })
    pending = ''
  }
  const last = out.pop()
  if (last) out.push({ name: last.name, text: `${last.text}\n${pending}`.trim() })
  return out
}
