'use strict'
// The versions of msw, nock and express installed in the consumer project, read from their
// package.json files (not every version exports ./package.json).
const { readFileSync } = require('node:fs')
const { join } = require('node:path')

const version = (name) =>
  JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8'))
    .version

exports.versions = { msw: version('msw'), nock: version('nock'), express: version('express') }
