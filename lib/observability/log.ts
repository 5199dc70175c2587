/**
 * The application's log (issue 14 item 5): under the production server, pino's JSON lines with the request id and
 * personal identifiers masked (scripts/server/logger.mjs installs the logger on globalThis); elsewhere (tests,
 * `next dev`, scripts) the console. Pass errors as `err`: only their type, masked message, code and stack are written.
 */
import type { TInstalledLogger } from '@/scripts/server/logger.mjs'

function installed(): TInstalledLogger | undefined {
  return (globalThis as Record<symbol, TInstalledLogger | undefined>)[Symbol.for('ameli.log')]
}

type TFields = Record<string, unknown> & { err?: unknown }

function write(level: 'error' | 'warn' | 'info', message: string, fields: TFields = {}): void {
  const log = installed()
  if (log) {
    log.logger[level](fields, message)
    return
  }
  const { err, ...rest } = fields
  const extra = Object.keys(rest).length ? [rest] : []
  console[level](message, ...extra, ...(err === undefined ? [] : [err]))
}

export const log = {
  error: (message: string, fields?: TFields) => write('error', message, fields),
  warn: (message: string, fields?: TFields) => write('warn', message, fields),
  info: (message: string, fields?: TFields) => write('info', message, fields),
}
