import type { Command } from './command.js'
import type { Flag } from './flags.js'

/** The `standin --help` text: every command with its one-line summary. */
export function renderCommandList(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = [
    `standin ${version}: mock-model contract testing for ML services`,
    '',
    'Usage: standin <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'standin help <command>' (or 'standin <command> --help') for a command's options.",
    'Every command takes --color / --no-color (else FORCE_COLOR, NO_COLOR and the terminal decide).',
    'Exit codes: 0 success, 1 the thing checked failed, 2 the command could not run.',
  ]
  return lines.join('\n') + '\n'
}

function defaultOf(spec: Flag<unknown>): string {
  if (spec.defaultText) return spec.defaultText
  if (spec.kind === 'boolean' || spec.default === undefined) return ''
  if (spec.kind === 'duration' && typeof spec.default === 'number')
    return spec.default % 1000 === 0 ? `${spec.default / 1000}s` : `${spec.default}ms`
  return typeof spec.default === 'string' || typeof spec.default === 'number'
    ? String(spec.default)
    : ''
}

/** The `standin <command> --help` text, built from the same declarations the parser uses. */
export function renderCommandHelp(command: Command): string {
  const positionals = command.positionals
    .map((p) => {
      const name = `<${p.name}>${p.variadic ? '...' : ''}`
      return p.required === false ? `[${name}]` : name
    })
    .join(' ')
  const options = Object.entries(command.flags).map(([name, spec]) => {
    const negatable =
      spec.kind === 'boolean' && spec.default === true ? `--[no-]${name}` : `--${name}`
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}${negatable}${spec.kind === 'boolean' ? '' : ` <${spec.valueName ?? 'value'}>`}`
    const shown = defaultOf(spec)
    const notes = [spec.repeatable ? 'repeatable' : '', shown ? `default ${shown}` : '']
      .filter(Boolean)
      .join(', ')
    return { flag, text: notes ? `${spec.description} (${notes})` : spec.description }
  })
  options.push(
    {
      flag: '    --[no-]color',
      text: 'Colour on or off (else FORCE_COLOR, NO_COLOR, the terminal)',
    },
    { flag: '-h, --help', text: 'Show this help' },
  )
  const width = Math.max(
    ...options.map((o) => o.flag.length),
    ...command.positionals.map((p) => p.name.length + 2),
  )
  const lines = [`Usage: standin ${command.name} ${positionals} [options]`, '', command.summary, '']
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
