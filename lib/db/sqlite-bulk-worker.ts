/**
 * The worker thread of the SQLite bulk writer: owns the connection, runs one transaction per message, answers
 * { id, ok } or { id, error }. Started by lib/db/sqlite-bulk-worker-client.ts through sqlite-bulk-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openSqliteBulk, type SqliteBatchRows } from './sqlite-bulk'

const port = parentPort!
const bulk = openSqliteBulk((workerData as { filePath: string }).filePath)

port.on('message', (message: { id: number; batch?: SqliteBatchRows; close?: true }) => {
  if (message.close) {
    void bulk.close().then(() => port.postMessage({ id: message.id, result: null }))
    return
  }
  bulk.run(message.batch!).then(
    (result) => port.postMessage({ id: message.id, result }),
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
port.postMessage({ id: 0, result: 'ready' })
