import { expect, it } from 'vitest'
import { redactedSource, redactedTarget, redactedUrl } from '../src/redacted-target.js'

it('masks a password, a lone user name and query values named like secrets', () => {
  expect(redactedUrl(new URL('http://ci:s3cret@host/m'))).toBe('http://ci:***@host/m')
  expect(redactedUrl(new URL('http://tok3n@host/m'))).toBe('http://***@host/m')
  expect(
    redactedUrl(
      new URL(
        'https://acct.blob.core.windows.net/c/m.json?sv=2022-11-02&sig=abc%2Fdef&X-Amz-Signature=1f2e&access_token=t&api_key=k&page=2',
      ),
    ),
  ).toBe(
    'https://acct.blob.core.windows.net/c/m.json?sv=2022-11-02&sig=***&X-Amz-Signature=***&access_token=***&api_key=***&page=2',
  )
  expect(redactedUrl(new URL('http://host/m?v=1#frag'))).toBe('http://host/m?v=1#frag')
})

it('masks a URL source and leaves a file path as given, even with an @ in it', () => {
  expect(redactedSource('http://ci:s3cret@host/v2/models/iris')).toBe(
    'http://ci:***@host/v2/models/iris',
  )
  expect(redactedSource('node_modules/@scope/m/MLmodel')).toBe('node_modules/@scope/m/MLmodel')
  expect(redactedTarget('ci:s3cret@host:80')).toBe('***@host:80')
})
