import type { AsyncLocalStorage } from 'node:async_hooks'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'

export type TInstalledLogger = { logger: Logger; requests: AsyncLocalStorage<{ requestId: string }> }
export function maskPersonalData(text: unknown): string
export function installLogger(options?: { level?: string; stream?: { write(line: string): void } }): TInstalledLogger
export function withRequestId<T>(installed: TInstalledLogger, req: IncomingMessage, res: ServerResponse, trustProxy: boolean, handler: () => T): T
