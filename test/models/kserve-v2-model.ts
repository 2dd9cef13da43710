/** The test model speaking the kserve-v2 protocol. Run: node --import tsx test/models/kserve-v2-model.ts --defect good --port 8080 */
import { ticketBrain } from './brains.js'
import { runModelCli } from './serve-model.js'

export { ticketBrain as brain }

if (process.argv[1]?.endsWith('kserve-v2-model.ts')) await runModelCli(ticketBrain)
