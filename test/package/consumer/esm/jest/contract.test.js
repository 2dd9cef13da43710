import { describe, expect, it } from '@jest/globals'
import { setupServer } from 'msw/node'
import nock from 'nock'
import express from 'express'
import * as standin from 'standin'
import { adapterTests } from '../adapters.cjs'
import { versions } from '../peers.cjs'

const contract = await standin.loadContract('contracts/transaction-classifier.contract.yaml')
standin.contractTests(contract, 'mock', { describe, it, options: { cases: 20 } })
adapterTests({ describe, it, expect }, standin, { setupServer, nock, express, versions })
