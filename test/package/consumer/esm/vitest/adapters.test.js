import { setupServer } from 'msw/node'
import nock from 'nock'
import express from 'express'
import { describe, expect, it } from 'vitest'
import * as standin from 'standin'
import { adapterTests } from '../adapters.cjs'
import { versions } from '../peers.cjs'

adapterTests({ describe, it, expect }, standin, { setupServer, nock, express, versions })
