/**
 * The least a registry's answer must hold for the client's callers to read it: each call's answer
 * is checked before it is returned, so another JSON server at the registry's address (one that
 * answers `{}`) is a `registry-client.bad-answer` naming the URL, not `undefined@undefined` or a
 * TypeError deep in a command. Only what callers read is required; formats are not checked, so a
 * registry of another standin version that adds fields still passes.
 */
import { compileShape } from '../../contract/index.js'

type Schema = Readonly<Record<string, unknown>>

/** Says what is wrong with an answer, or undefined. */
export type AnswerCheck = ReturnType<typeof compileShape>

const text: Schema = { type: 'string' }
const flag: Schema = { type: 'boolean' }
const list = (items: Schema): Schema => ({ type: 'array', items })
const verdict: Schema = { enum: ['passed', 'failed'] }

function object(properties: Record<string, Schema>, required = Object.keys(properties)): Schema {
  return { type: 'object', properties, required }
}

const nameVersion = object({ name: text, version: text })
const verification = object({ id: text, verdict, reportHash: text })
const contractVersion = object({
  name: text,
  version: text,
  digest: text,
  contract: { type: 'object' },
})

const schemas = {
  health: object({ ok: flag }),
  publish: object(
    {
      name: text,
      version: text,
      digest: text,
      created: flag,
      diff: object({ from: text, changes: { type: 'array' }, required: text }),
    },
    ['name', 'version', 'digest', 'created'],
  ),
  contracts: list(object({ name: text })),
  contract: object({ name: text, versions: { type: 'array' }, consumers: { type: 'array' } }),
  version: contractVersion,
  diff: object({ changes: { type: 'array' }, required: text, actual: text }),
  consumer: object({ service: text, contract: text, range: text, fields: list(text) }),
  consumers: list(object({ service: text, contract: text })),
  verification,
  verifications: list(verification),
  approval: object({ id: text, verificationId: text, reportHash: text, by: text }),
  canSwap: object({
    model: nameVersion,
    contract: text,
    requireApproval: flag,
    canSwap: flag,
    rows: list(
      object(
        {
          contractVersion: text,
          consumers: list(text),
          ok: flag,
          verification: object({ verdict, reportHash: text }),
          approval: object({ by: text }),
        },
        ['contractVersion', 'consumers', 'ok'],
      ),
    ),
    missing: list(text),
  }),
  audit: { type: 'array' },
} as const

/** One check per kind of answer, compiled on first use. */
export const answerShapes = Object.fromEntries(
  Object.entries(schemas).map(([kind, schema]) => [kind, compileShape(schema, 'the answer')]),
) as Record<keyof typeof schemas, AnswerCheck>
