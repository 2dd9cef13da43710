/**
 * CORS, for a web app on another origin (a dev server on another port) calling the stand-in from
 * the browser. Off unless asked for (`--cors`, the `cors` option): a server on loopback should
 * not answer every web page the developer visits. When on, a preflight for a served route gets
 * 204 with the route's methods and the headers the browser asks to send (the scenario header
 * among them); every answer to an allowed origin carries `access-control-allow-origin`.
 * Following the Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol).
 */
import { headerOf, type CoreRequest, type CoreResponse, type CorsOption } from './serve-types.js'

export type { CorsOption }

/** The policy the core applies; `undefined` when CORS is off. */
export interface Cors {
  /** The 204 answer to a preflight for a route taking `methods`, or undefined when not one. */
  readonly preflight: (request: CoreRequest, methods: readonly string[]) => CoreResponse | undefined
  /** The answer with the CORS headers an allowed origin needs. */
  readonly decorate: (request: CoreRequest, response: CoreResponse) => CoreResponse
}

/** True when `request` is a browser's CORS preflight (OPTIONS naming the method to come). */
export function isPreflight(request: CoreRequest): boolean {
  return (
    request.method.toUpperCase() === 'OPTIONS' &&
    headerOf(request, 'origin') !== undefined &&
    headerOf(request, 'access-control-request-method') !== undefined
  )
}

/** Only what the Fetch standard allows in Access-Control-Allow-Headers: tokens and commas. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/

/**
 * The CORS policy for an option, or undefined when off.
 *
 * @example
 * createCors(['http://localhost:5173'])?.decorate(request, response)
 */
export function createCors(option: CorsOption | undefined): Cors | undefined {
  if (option === undefined || option === false) return undefined
  const any = option === true
  const allowed = new Set(typeof option === 'string' ? [option] : option === true ? [] : option)
  /** The Access-Control-Allow-Origin value for the request's origin, or undefined. */
  const allowOrigin = (request: CoreRequest): string | undefined => {
    const origin = headerOf(request, 'origin')
    if (origin === undefined) return undefined
    if (any) return '*'
    return allowed.has(origin) ? origin : undefined
  }
  const vary: Readonly<Record<string, string>> = any ? {} : { vary: 'origin' }
  return {
    preflight: (request, methods) => {
      if (!isPreflight(request)) return undefined
      const origin = allowOrigin(request)
      if (origin === undefined) return undefined
      const asked = headerOf(request, 'access-control-request-headers')?.trim()
      return {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
          'access-control-allow-headers':
            asked && HEADER_LIST.test(asked) ? asked : 'content-type, x-standin-scenario',
          'access-control-max-age': '600',
          vary: any ? 'access-control-request-headers' : 'origin, access-control-request-headers',
        },
        body: '',
      }
    },
    decorate: (request, response) => {
      const origin = allowOrigin(request)
      // A preflight answer already carries its own (and its own Vary).
      if (origin === undefined || 'access-control-allow-origin' in response.headers) return response
      return {
        ...response,
        headers: {
          ...response.headers,
          'access-control-allow-origin': origin,
          ...vary,
        },
      }
    },
  }
}
