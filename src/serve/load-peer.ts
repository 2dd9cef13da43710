/**
 * Loads express, msw or nock when an adapter is first made, not when standin is imported:
 * `standin serve` starts faster without them, and importing nock switches its interception on
 * for the whole process, which nobody who only wants the server should get.
 *
 * They are optional peer dependencies: the copy loaded is the user's own (resolved from where
 * standin is installed, which is the user's project), so `setupServer` and `nock.cleanAll()`
 * see the very handlers and interceptors standin made. A missing copy, or one outside the range
 * standin works with, is a `StandinError` naming the package and the range.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import satisfies from 'semver/functions/satisfies.js'
import { StandinError } from '../errors.js'

const require = createRequire(import.meta.url)

/** The optional peers and the versions standin works with (package.json's peerDependencies). */
export const peerRanges = {
  express: '^4.18.0 || ^5.0.0',
  msw: '^2.0.0',
  nock: '^13.0.0 || ^14.0.0',
} as const

/** An optional peer dependency. */
export type PeerName = keyof typeof peerRanges

const checked = new Set<PeerName>()

/**
 * The CommonJS export of a peer library, loaded on first use.
 *
 * @throws {StandinError} `peer.missing` when the package is not installed, `peer.version` when
 * its version is outside the range standin supports.
 */
export function loadPeer<T>(name: PeerName): T {
  const range = peerRanges[name]
  let entry: string
  try {
    entry = require.resolve(name)
  } catch {
    throw new StandinError(
      'peer.missing',
      `standin: ${name} is not installed; it is an optional peer dependency, needed for this adapter. Install it in your project: npm install --save-dev ${name}@'${range}'.`,
    )
  }
  if (!checked.has(name)) {
    const version = installedVersion(name, entry)
    // A copy whose version cannot be read (a bundler's shim) is taken as it is.
    if (version !== undefined && !satisfies(version, range, { includePrerelease: true }))
      throw new StandinError(
        'peer.version',
        `standin: ${name} ${version} is installed, but standin needs ${name}@'${range}'. Install a version in that range: npm install --save-dev ${name}@'${range}'.`,
      )
    checked.add(name)
  }
  return require(name) as T
}

/** The version in the package.json of the package `entry` belongs to. */
function installedVersion(name: string, entry: string): string | undefined {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown
        version?: unknown
      }
      if (pkg.name === name) return typeof pkg.version === 'string' ? pkg.version : undefined
    } catch {
      // no package.json here: keep climbing
    }
  }
  return undefined
}
