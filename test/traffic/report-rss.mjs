// Loaded with `node --import`: prints the process's peak resident memory (MB) on exit, to stderr.
import process from 'node:process'

process.on('exit', () => {
  process.stderr.write(`peak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`)
})
