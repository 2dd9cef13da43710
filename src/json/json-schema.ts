/**
 * Small JSON Schema helpers: the URIs of resources (`$id`, `$ref`) resolved safely and their
 * fragment cut off, and boolean schemas as objects.
 */

/** `ref` resolved against `base`, or undefined when it is not a URI reference there. */
export function safeUrl(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base)
  } catch {
    return undefined
  }
}

/** The URI without its fragment (`a.json#/$defs/X` gives `a.json`). */
export function withoutHash(uri: string): string {
  const at = uri.indexOf('#')
  return at < 0 ? uri : uri.slice(0, at)
}

/** A schema as an object: `true` as `{}`, `false` as `{ not: {} }` (both mean the same). */
export function schemaObject(schema: Record<string, unknown> | boolean): Record<string, unknown> {
  return typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : schema
}
