// Loads the TypeScript worker (lib/db/sqlite-bulk-worker.ts) through tsx, which runs the batch command.
import { register } from 'tsx/esm/api'

register()
await import('./sqlite-bulk-worker.ts')
