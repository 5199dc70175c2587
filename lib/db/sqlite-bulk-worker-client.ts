import { Worker } from 'node:worker_threads'
import type { SqliteBatchRows, SqliteBulk } from './sqlite-bulk'

/**
 * The SQLite bulk writer on a worker thread: the batch command parses, computes and serialises the next batch
 * on this thread while the worker inserts and commits the previous one (two cores instead of one). Batches
 * are committed in order, one at a time; a failed batch rejects its promise and rolls back whole.
 */
export function openSqliteBulkWorker(filePath: string): SqliteBulk {
  const worker = new Worker(new URL('./sqlite-bulk-worker.mjs', import.meta.url), { workerData: { filePath } })
  const pending = new Map<number, { resolve: (r: null | 'injected' | 'ready') => void; reject: (e: Error) => void }>()
  let nextId = 1
  let failure: Error | null = null
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject })
  })
  worker.on('message', (m: { id: number; result?: null | 'injected' | 'ready'; error?: string }) => {
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    if (m.error !== undefined) p.reject(new Error(m.error))
    else p.resolve(m.result ?? null)
  })
  const failAll = (error: Error) => {
    failure = error
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  worker.on('error', failAll)
  worker.on('exit', (code) => {
    if (pending.size > 0) failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`))
  })
  const call = (payload: { batch?: SqliteBatchRows; close?: true }): Promise<null | 'injected'> => {
    if (failure) return Promise.reject(failure)
    const id = nextId++
    return new Promise<null | 'injected'>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: null | 'injected' | 'ready') => void, reject })
      worker.postMessage({ id, ...payload })
    })
  }
  return {
    async run(batch) {
      await ready
      return call({ batch })
    },
    async close() {
      try {
        await ready
        await call({ close: true })
      } finally {
        await worker.terminate()
      }
    },
  }
}
