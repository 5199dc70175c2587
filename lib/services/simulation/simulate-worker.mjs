// Entry of a worker thread of the simulation pool (piscina): loads the TypeScript task through tsx (as
// lib/db/sqlite-bulk-worker.mjs does; both of tsx's loaders, since the project's .ts files are CommonJS-typed
// and import JSON) and hands its default export to piscina.
import { register as registerCjs } from 'tsx/cjs/api'
import { register as registerEsm } from 'tsx/esm/api'

registerCjs()
registerEsm()
const task = await import('./simulate-worker-task.ts')
export default task.default.default ?? task.default
