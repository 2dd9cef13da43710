/** The test model speaking the v1 protocol. Run: node --import tsx test/models/v1-model.ts --defect good --port 8080 */
import { newsBrain } from './brains.js'
import { runModelCli } from './serve-model.js'

export { newsBrain as brain }

if (process.argv[1]?.endsWith('v1-model.ts')) await runModelCli(newsBrain)
