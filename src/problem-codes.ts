/**
 * The catalog of every code standin puts on a `Problem` or a `StandinError`: one line of meaning
 * each, stable across releases. `ProblemCode` is the union of its keys, so a code that is not here
 * does not compile. The README's "Problem codes" table is written from this object, and a test
 * keeps the two, and the codes the source emits, in step.
 */

/** Codes of one family: `schema.<keyword>` for each JSON Schema keyword a value can break. */
const SCHEMA_KEYWORD_CODES = {
  'schema.type': 'a value has the wrong JSON type',
  'schema.enum': 'a value is not one of the values `enum` lists',
  'schema.const': 'a value is not the `const` value',
  'schema.multipleOf': 'a number is not a multiple of `multipleOf`',
  'schema.maximum': 'a number is above `maximum`',
  'schema.exclusiveMaximum': 'a number is not below `exclusiveMaximum`',
  'schema.minimum': 'a number is below `minimum`',
  'schema.exclusiveMinimum': 'a number is not above `exclusiveMinimum`',
  'schema.maxLength': 'a string is longer than `maxLength`',
  'schema.minLength': 'a string is shorter than `minLength`',
  'schema.pattern': 'a string does not match `pattern`',
  'schema.format': 'a string is not of its `format`',
  'schema.maxItems': 'an array has more items than `maxItems`',
  'schema.minItems': 'an array has fewer items than `minItems`',
  'schema.uniqueItems': 'an array repeats an item under `uniqueItems`',
  'schema.contains': 'an array has too few (or too many) items matching `contains`',
  'schema.items': 'an array item breaks `items`, or the array is longer than its tuple allows',
  'schema.prefixItems': 'a tuple item breaks `prefixItems`',
  'schema.additionalItems': 'an array has items `additionalItems` forbids',
  'schema.unevaluatedItems':
    'an array has items no keyword evaluated, and `unevaluatedItems` forbids them',
  'schema.maxProperties': 'an object has more properties than `maxProperties`',
  'schema.minProperties': 'an object has fewer properties than `minProperties`',
  'schema.required': 'a required property is missing',
  'schema.dependentRequired': 'a property `dependentRequired` asks for is missing',
  'schema.dependencies': 'a draft-07 `dependencies` entry is not met',
  'schema.propertyNames': 'a property name breaks `propertyNames`',
  'schema.additionalProperties': 'an object has a property the schema does not declare',
  'schema.unevaluatedProperties':
    'an object has a property no keyword evaluated, and `unevaluatedProperties` forbids it',
  'schema.anyOf': 'a value matches none of the `anyOf` schemas',
  'schema.oneOf': 'a value matches none, or more than one, of the `oneOf` schemas',
  'schema.not': 'a value matches the schema under `not`',
  'schema.if': 'a value breaks the `then` or `else` its `if` selects',
  'schema.false schema': 'a value is where the schema is `false` (nothing is allowed)',
} as const

/** Every problem and error code, with what it means. */
export const PROBLEM_CODES = {
  // --- contract: loading and checking a contract file (exit 2, or lint errors)
  'contract.not-found': 'the contract file or folder does not exist',
  'contract.unreadable': 'the contract file exists but cannot be read',
  'contract.too-large': 'the contract or a `$ref` file is larger than the byte limit',
  'contract.too-deep': 'the contract nests deeper than standin reads',
  'contract.too-slow': 'loading the contract took longer than its time budget',
  'contract.syntax': 'the file is not valid YAML or JSON',
  'contract.not-an-object': 'the file does not hold a mapping of keys',
  'contract.not-json':
    'a contract passed as an object holds something JSON cannot (a cycle, NaN, a function, ...)',
  'contract.unknown-version': 'the `contract` format version is not one standin reads',
  'contract.unknown-key': 'a key the contract format does not define (a typo, usually)',
  'contract.missing-key': 'a key the contract format requires is missing',
  'contract.ignored-key':
    "a key that has no effect here (an `endpoint` key the contract's protocol does not read)",
  'contract.invalid-value':
    'a value of the wrong shape for its key (a duration, a name, a version, ...)',
  'contract.invalid': 'the contract has errors (the error that carries the problems)',
  'contract.invalid-example': 'an example input or output breaks its schema',
  'contract.duplicate-example': 'two examples share a name',
  'contract.duplicate-name': 'two contracts loaded together share a name',
  'contract.unknown-path': 'a check or hint points at a field the schema does not declare',
  'contract.outside-root': 'a `$ref` file lies outside the folder tree contracts may read',
  'contract.endpoint-batch': '`endpoint.batch` does not fit the input schema',
  'contract.chat-output': 'an openai-chat contract whose output schema is not an object',
  // --- schema: the input and output JSON Schemas, and values checked against them
  'schema.invalid': 'the schema does not compile',
  'schema.invalid-keyword': 'a keyword has a value its draft does not allow',
  'schema.invalid-pattern': 'a `pattern` is not a valid regular expression',
  'schema.unknown-keyword': 'a keyword no draft defines (a typo, usually)',
  'schema.wrong-draft': 'a keyword of the other draft than the one the schema is read in',
  'schema.unknown-format': 'a `format` standin does not know',
  'schema.unknown-draft': 'a `$schema` URI that names no JSON Schema draft',
  'schema.unsupported-draft': 'a `$schema` of a draft standin does not read (draft-03)',
  'schema.untranslatable': 'a keyword that cannot be said in the draft the contract is bundled in',
  'schema.unsupported-name': 'a property name the validator cannot check (`__proto__`)',
  'schema.backtracking-pattern':
    'a `pattern` that needs backtracking, which linear-time matching cannot run',
  'schema.remote-ref': 'a `$ref` over the network, which standin never follows',
  'schema.bad-ref': 'a `$ref` that is not a valid URI reference',
  'schema.ref-not-found': 'a `$ref` whose target does not exist',
  'schema.ref-cycle': 'a `$ref` cycle that never descends, or that no finite value can end',
  'schema.duplicate-anchor': 'two schemas declare the same `$id` or anchor',
  'schema.dynamic-ref-no-scope': 'a `$dynamicRef` with no `$dynamicAnchor` to land on',
  'schema.too-deep': 'the schema nests deeper than standin compiles',
  'schema.contradiction':
    'keywords that no value can satisfy together (`minimum` above `maximum`, ...)',
  'schema.ignored-ref-sibling':
    'a keyword beside a draft-04/06/07 `$ref`, which that draft ignores (dropped)',
  'schema.dead-enum-value': 'an `enum` value its `type` never lets through (the others still fit)',
  'schema.unsatisfiable': 'the generator proved that no valid value exists',
  'schema.unsupported': 'the generator cannot make values for this schema (or ran out of time)',
  ...SCHEMA_KEYWORD_CODES,
  // --- hints: `x-standin` annotations
  'hint.invalid': 'an `x-standin` hint that is unknown, malformed or does not fit its schema',
  // --- lint: a reviewer's warnings and the generability proof
  'lint.no-description': 'a field without a description',
  'lint.open-output': 'an output object that allows undeclared properties',
  'lint.redos': 'a `pattern` that can backtrack catastrophically (ReDoS)',
  'lint.no-examples': 'a contract without examples',
  'lint.example-without-output': 'an example with no output to compare',
  'lint.unexercised-field': 'a required output field no example exercises',
  'lint.argmax-mismatch': 'an `argmaxOf` label whose values and scores do not line up',
  'lint.not-a-tensor': 'a kserve-v2 field that cannot be one tensor (nested)',
  'lint.placeholder':
    'an imported contract still holds a placeholder (description, owner, version)',
  'lint.import-note': 'an importer could not carry something of its source (`x-standin-import`)',
  'generate.crashed': 'standin could not prove a schema generable because of a bug in standin',
  // --- types: `standin types`
  'types.failed':
    'json-schema-to-typescript could not write a schema as TypeScript (a bug in standin)',
  // --- import and export: other formats (MLflow, V2 metadata, OpenAPI)
  'import.unreadable': 'an import source that could not be read: missing, unreachable, too large',
  'import.invalid': 'an import source that was read but is not what the importer takes',
  'import.remote-ref': 'an OpenAPI document that refers to a remote or file `$ref`',
  'import.operation': 'an OpenAPI operation that is not in the document or has no JSON body',
  'export.invalid': 'contracts that cannot share one exported OpenAPI document',
  // --- after the swap: recordings, datasets, proxy, compare, drift, summary
  'recording.unwritable':
    'a recording cannot be started: its file cannot be written (a full disk, no permission)',
  'recording.unreadable': 'a recording, summary or report cannot be read',
  'recording.other-contract': 'a recording, summary or report names another contract or protocol',
  'dataset.invalid': 'a CSV column or cell, or a dataset row, that does not fit the input schema',
  'dataset.empty': '`verify --cases-from` holds no valid input',
  'compare.protocol-mismatch': 'baseline and candidate recorded on different protocols',
  'compare.wrong-protocol': "a compared model answers 404/405 on the contract's route",
  'compare.target': '`--baseline` / `--candidate` is neither a URL nor a recording',
  'proxy.target': "the proxy's target is not an http(s) URL",
  'proxy.listen': "the proxy's port is taken or cannot be bound",
  'proxy.option':
    'a proxy option is out of range (its body limit, or a timeout beyond what node can wait)',
  'summary.other-contract': 'summaries of different contracts merged',
  // --- input: values given to sample and the stand-in
  'input.invalid': 'an input (`sample --for`) breaks the input schema',
  // --- mock: the stand-in model
  'mock.invalid-input': 'the stand-in was called with an input that breaks the input schema',
  'mock.injected-fault': 'a fault the stand-in injected on purpose (error rate, scenario)',
  'mock.latency': 'a latency option that is not a duration or a range of durations',
  'mock.error-rate': 'an error rate outside 0..1',
  'mock.time-to-first-token': 'a time-to-first-token option that is not a duration',
  'mock.tokens-per-second': 'a tokens-per-second option that is not a positive number',
  // --- protocol: wire formats
  'protocol.unknown': 'a protocol name standin does not speak',
  'protocol.envelope': 'the request or answer envelope is wrong for its protocol',
  'protocol.status': 'the model answered with an HTTP error status',
  'protocol.metadata': 'the model or server metadata is wrong for its protocol',
  'protocol.batch-length': 'a batch answer holds a different number of outputs than inputs sent',
  'protocol.batch-undeclared': 'a batch sent to a json endpoint that does not declare batching',
  'protocol.tensor-missing': 'an input or output tensor is missing',
  'protocol.tensor-name': 'a tensor no field of the schema is named after',
  'protocol.tensor-shape': "a tensor's shape does not fit its data or the batch",
  'protocol.tensor-datatype': "a tensor's datatype does not fit its field or its data",
  'protocol.content-json': 'an openai-chat answer whose content (or tool arguments) is not JSON',
  'protocol.finish-reason': 'an openai-chat answer that ends with the wrong `finish_reason`',
  'protocol.refusal': 'an openai-chat answer that refuses instead of answering',
  'protocol.usage': 'an openai-chat answer without plausible `usage` token counts',
  'protocol.stream': 'server-sent events that are not a chat-completion stream',
  'protocol.stream-cut': 'a stream that ends before its finish chunk and `[DONE]`',
  // --- request: what the stand-in refuses in a request
  'request.malformed-json': 'the request body is not JSON',
  'request.invalid-utf8': 'the request body is not UTF-8',
  'request.too-deep': 'the request body nests deeper than the limit',
  'request.empty-body': 'the request has no body',
  'request.too-many-keys': 'an object in the request has more keys than the limit',
  'request.too-many-items': 'an array in the request has more items than the limit',
  'request.string-too-long': 'a string in the request is longer than the limit',
  'request.messages':
    'an openai-chat request without messages, or with messages that are not a list of chat messages',
  'request.response-format':
    'an openai-chat request with a `response_format` type standin does not know',
  'request.undeclared-tool': 'an openai-chat request naming a tool the contract does not declare',
  'request.scenario': 'an unknown scenario was asked for in the scenario header',
  'request.more-problems': 'the refusal lists the first problems only; this entry counts the rest',
  // --- serve
  'serve.no-contracts': 'serve was given no contract to serve',
  'serve.port-in-use': 'the port is taken by another process',
  'serve.listen': 'the server could not listen on the host and port',
  'serve.option':
    'a serve option is out of range (a body limit, a count, a timer beyond what node can wait)',
  'peer.missing':
    'an optional peer (msw, nock, express; @electric-sql/pglite, pg for the registry) is not installed',
  'peer.version': 'an optional peer is installed in a version outside the supported range',
  // --- verify: contract tests
  'verify.target': 'the verify target is not a URL, a mock, an app or a function',
  'verify.unreachable': 'the target could not be reached',
  'verify.not-ready': 'the target answered but did not say it was ready within --wait-for',
  'verify.option': 'a verify option is out of range or contradicts another',
  'verify.unknown-case': 'a case asked for by id does not exist in the plan',
  'verify.wrong-protocol': "the target does not answer in the contract's protocol",
  'verify.check-path': 'a check points at a path the schema does not have',
  'verify.example-mismatch': 'the output differs from the example output',
  'verify.invariance': 'an output changed under a perturbation that should not change it',
  'verify.directional': 'an output moved the wrong way under a perturbation',
  'verify.reported':
    "a problem the target listed in its error body, under a code that is not standin's",
  // --- registry-client: standin's calls to a contract registry (publish, consume, approve, ...)
  'registry-client.bad-url':
    'a registry URL (`--registry`, `registry://`) that is not one standin can call',
  'registry-client.bad-token': 'a registry token that is not printable text',
  'registry-client.unreachable': 'the registry could not be reached or did not answer in time',
  'registry-client.unauthorized': 'the registry wants a token (none, or one it does not know)',
  'registry-client.forbidden': 'the token lacks the role the call needs',
  'registry-client.not-found': 'the registry has no such contract, version or verification',
  'registry-client.refused': 'the registry refused a write by one of its rules (409, 422)',
  'registry-client.failed': 'the registry answered with another error status',
  'registry-client.bad-answer':
    "the registry sent an answer too large, not JSON, or not of a registry answer's shape",
  'registry-client.no-match':
    'the registry has no published version of a contract in the range asked for',
  // --- report and cli
  'report.invalid': 'a `--reporter` that is unknown or cannot be written',
  'cli.usage': 'bad command-line arguments',
  'cli.output': 'a command could not write its output',
  // --- registry: the contract registry's HTTP API
  'registry.unauthorized':
    'a registry write (or a read from another machine) without a known token',
  'registry.forbidden': "the registry token's role does not allow the write",
  'registry.too-large': 'a registry request body is larger than 8 MiB',
  'registry.bad-request':
    'a registry request body that is not a JSON object of the expected shape, or a query parameter outside its values',
  'registry.not-found': 'no registry route at this path, or not with this method',
  'registry.invalid-contract': 'the published contract does not load',
  'registry.not-semver': 'the published version is not a semantic version',
  'registry.name-mismatch': "the publish path names another contract than the contract's `name`",
  'registry.version-mismatch':
    "the publish path names another version than the contract's `version`",
  'registry.version-exists':
    'the version is already published with other content (versions are immutable)',
  'registry.bump-too-small': 'the new version bumps less than its changes call for',
  'registry.consumer-broken': 'the new version breaks a field a registered consumer reads',
  'registry.unknown-contract': 'no contract of this name is published',
  'registry.unknown-version': 'the contract has no such version',
  'registry.no-matching-version': 'no published version is in the range',
  'registry.invalid-range': 'a semver range that does not parse',
  'registry.invalid-report':
    'the verification report is not a standin JSON report of this contract',
  'registry.report-hash-mismatch':
    'the report hash does not match the report (or no verification has it)',
  'registry.contract-mismatch':
    'a verification of other contract content than the published version (or that does not say which)',
  'registry.stand-in-report':
    'a verification run against the stand-in (mock) or an in-process function, not the model',
  'registry.unknown-verification':
    'no verification of this model and contract version has the report hash',
  'registry.approve-failed': 'an approval of a verification that failed',
  'registry.database-unavailable': 'the registry cannot reach its database',
  'registry.internal-error': 'a fault in the registry itself (a bug): the answer says so',
} as const

/** A code from the catalog: the `code` of every `Problem` and `StandinError`. */
export type ProblemCode = keyof typeof PROBLEM_CODES

/**
 * True when `code` is in the catalog.
 *
 * @example
 * isProblemCode('schema.required') // true
 */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code)
}
