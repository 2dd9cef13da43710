import type { CommandSpec } from './command.js'

/** The `standin --help` text: every command with its one-line summary. */
export function renderCommandList(commands: readonly CommandSpec[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = [
    `standin ${version}: mock-model contract testing for ML services`,
    '',
    'Usage: standin <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'standin <command> --help' for a command's options.",
    'Exit codes: 0 success, 1 the thing checked failed, 2 the command could not run.',
  ]
  return lines.join('\n') + '\n'
}

/** The `standin <command> --help` text, built from the same spec the parser uses. */
export function renderCommandHelp(command: CommandSpec): string {
  const positionals = command.positionals
    .map((p) => {
      const name = `<${p.name}>${p.variadic ? '...' : ''}`
      return p.required === false ? `[${name}]` : name
    })
    .join(' ')
  const options = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`
    const notes = [
      spec.multiple ? 'repeatable' : '',
      spec.defaultText ? `default ${spec.defaultText}` : '',
    ]
      .filter(Boolean)
      .join(', ')
    return { flag, text: notes ? `${spec.description} (${notes})` : spec.description }
  })
  options.push({ flag: '-h, --help', text: 'Show this help' })
  const width = Math.max(
    ...options.map((o) => o.flag.length),
    ...command.positionals.map((p) => p.name.length + 2),
  )
  const lines = [
    `Usage: standin ${command.name} ${positionals}${options.length > 1 ? ' [options]' : ''}`.trimEnd(),
    '',
    command.summary,
    '',
  ]
  if (command.positionals.length > 0) {
    lines.push('Arguments:')
    for (const p of command.positionals)
      lines.push(`  ${`<${p.name}>`.padEnd(width)}  ${p.description}`)
    lines.push('')
  }
  lines.push('Options:')
  for (const o of options) lines.push(`  ${o.flag.padEnd(width)}  ${o.text}`)
  if (command.footer && command.footer.length > 0) lines.push('', ...command.footer)
  return lines.join('\n') + '\n'
}
