/** The test model speaking the mlflow protocol. Run: node --import tsx test/models/mlflow-model.ts --defect good --port 8080 */
import { fuelBrain } from './brains.js'
import { runModelCli } from './serve-model.js'

export { fuelBrain as brain }

if (process.argv[1]?.endsWith('mlflow-model.ts')) await runModelCli(fuelBrain)
