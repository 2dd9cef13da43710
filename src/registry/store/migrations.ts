/**
 * The registry's schema as numbered SQL migrations, the same SQL on PGlite and PostgreSQL. At
 * start, the ones not yet in `schema_migrations` run in order inside one transaction that holds an
 * advisory lock, so two servers starting together cannot both apply one. Never edit a migration
 * that has shipped: add the next number.
 */

/** One migration: its number, a name, and its SQL. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** Every migration, in order. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE token (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('publish', 'verify', 'approve', 'admin')),
  hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  revoked_at timestamptz
);
CREATE TABLE contract (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE contract_version (
  name text NOT NULL REFERENCES contract (name),
  version text NOT NULL,
  major integer NOT NULL,
  minor integer NOT NULL,
  patch integer NOT NULL,
  prerelease text NOT NULL DEFAULT '',
  digest text NOT NULL,
  document jsonb NOT NULL,
  source text,
  description text,
  owner text,
  protocol text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_by text NOT NULL,
  PRIMARY KEY (name, version)
);
CREATE INDEX contract_version_order ON contract_version (name, major DESC, minor DESC, patch DESC);
CREATE TABLE consumer (
  service text NOT NULL,
  contract_name text NOT NULL,
  range text NOT NULL,
  fields text[] NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  declared_by text NOT NULL,
  PRIMARY KEY (service, contract_name)
);
CREATE INDEX consumer_contract ON consumer (contract_name);
CREATE TABLE verification (
  id uuid PRIMARY KEY,
  seq bigserial UNIQUE,
  contract_name text NOT NULL,
  contract_version text NOT NULL,
  model_name text NOT NULL,
  model_version text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('passed', 'failed')),
  report jsonb NOT NULL,
  report_text text NOT NULL,
  report_hash text NOT NULL,
  html text,
  seed text NOT NULL,
  standin_version text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_by text NOT NULL,
  FOREIGN KEY (contract_name, contract_version) REFERENCES contract_version (name, version)
);
CREATE INDEX verification_model ON verification (model_name, model_version, contract_name, contract_version);
CREATE INDEX verification_contract ON verification (contract_name, contract_version);
CREATE INDEX verification_hash ON verification (report_hash);
CREATE TABLE approval (
  id uuid PRIMARY KEY,
  seq bigserial UNIQUE,
  verification_id uuid NOT NULL REFERENCES verification (id),
  model_name text NOT NULL,
  model_version text NOT NULL,
  contract_name text NOT NULL,
  contract_version text NOT NULL,
  report_hash text NOT NULL,
  approved_by text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_by text NOT NULL
);
CREATE INDEX approval_verification ON approval (verification_id);
CREATE INDEX approval_model ON approval (model_name, model_version, contract_name);
CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  detail jsonb
);
`,
  },
]

/** The schema version a fully migrated database has. */
export const schemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0)
