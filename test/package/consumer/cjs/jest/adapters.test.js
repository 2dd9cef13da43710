const { setupServer } = require('msw/node')
const nock = require('nock')
const express = require('express')
const standin = require('standin')
const { adapterTests } = require('../adapters.cjs')
const { versions } = require('../peers.cjs')

adapterTests({ describe, it, expect }, standin, { setupServer, nock, express, versions })

it('requires standin as CommonJS, with the errors it documents', () => {
  expect(typeof standin.StandinError).toBe('function')
  expect(typeof require.resolve('standin')).toBe('string')
  expect(require.resolve('standin')).toMatch(/dist[\\/]cjs[\\/]index\.cjs$/)
})

it('verify judges the stand-in from a CommonJS test', async () => {
  const contract = await standin.loadContract('contracts/transaction-classifier.contract.yaml')
  const result = await standin.verify(contract, { target: 'mock', cases: 20 })
  expect(result.verdict).toBe('passed')
})
