#!/usr/bin/env node
import { main, processIO } from './main.js'

process.exitCode = await main(process.argv.slice(2), processIO())
