import { expect, it } from 'vitest'
import { describeFailure } from '../../src/verify/request-failure.js'

const failure = (code: string | undefined, message = 'boom'): Error =>
  Object.assign(new Error(message), code === undefined ? {} : { code })

it.each([
  [
    'ECONNREFUSED',
    false,
    'refused',
    'connection refused (ECONNREFUSED): is the model running on that port?',
  ],
  ['ECONNRESET', false, 'reset', 'the connection was dropped before a full answer (ECONNRESET)'],
  ['ENOTFOUND', false, 'dns', 'the host name does not resolve (ENOTFOUND)'],
  ['EHOSTUNREACH', false, 'other', 'the host cannot be reached from here (EHOSTUNREACH)'],
  [
    'HPE_INVALID_STATUS',
    true,
    'other',
    'the answer is not HTTP/1.1 as node reads it (HPE_INVALID_STATUS)',
  ],
  [
    'ERR_SSL_WRONG_VERSION_NUMBER',
    true,
    'other',
    'the TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER): if that port speaks plain HTTP, write http:// in the URL',
  ],
  [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    true,
    'other',
    "the target's TLS certificate is not trusted here (DEPTH_ZERO_SELF_SIGNED_CERT): name its CA with NODE_EXTRA_CA_CERTS=ca.pem",
  ],
  [
    'CERT_HAS_EXPIRED',
    true,
    'other',
    "the target's TLS certificate has expired (CERT_HAS_EXPIRED)",
  ],
  [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    true,
    'other',
    "the target's TLS certificate is for another host name (ERR_TLS_CERT_ALTNAME_INVALID): use the name it was issued for",
  ],
  ['ESOMETHINGNEW', false, 'other', 'the request failed (ESOMETHINGNEW)'],
])('%s (https: %s) is %s: %s', (code, secure, reason, message) => {
  expect(describeFailure(failure(code), secure)).toEqual({ reason, message })
})

it("says node's message when there is no code, and a hang-up is a dropped connection", () => {
  expect(describeFailure(failure(undefined, 'socket hang up'), false)).toEqual({
    reason: 'reset',
    message: 'the connection was dropped before a full answer (socket hang up)',
  })
  expect(describeFailure(failure(undefined, 'odd'), false)).toEqual({
    reason: 'other',
    message: 'the request failed (odd)',
  })
  expect(describeFailure('not an error', false).reason).toBe('other')
  expect(describeFailure(null, false).message).toBe('the request failed (null)')
})
