/** The test model speaking the json protocol. Run: node --import tsx test/models/json-model.ts --defect good --port 8080 */
import { transactionBrain } from './brains.js'
import { runModelCli } from './serve-model.js'

export { transactionBrain as brain }

if (process.argv[1]?.endsWith('json-model.ts')) await runModelCli(transactionBrain)
