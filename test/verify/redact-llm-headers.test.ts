import { expect, it } from 'vitest'
import { headerSecrets, isSecretHeader, maskHeaders } from '../../src/verify/redact.js'

it('masks the OpenAI organisation and project headers and API keys, whoever set them', () => {
  const headers = {
    authorization: 'Bearer sk-live-0123456789',
    'openai-organization': 'org-abcdef123456',
    'OpenAI-Project': 'proj_abcdef123456',
    'content-type': 'application/json',
  }
  expect(['openai-organization', 'OpenAI-Project'].every(isSecretHeader)).toBe(true)
  expect(maskHeaders(headers, {})).toEqual({
    authorization: '***',
    'openai-organization': '***',
    'OpenAI-Project': '***',
    'content-type': 'application/json',
  })
  expect(headerSecrets(headers, {})).toEqual([
    'Bearer sk-live-0123456789',
    'sk-live-0123456789',
    'org-abcdef123456',
    'proj_abcdef123456',
  ])
})
