import type { IncomingMessage, ServerResponse } from 'node:http'

export type TDbWatch = { isDown(): boolean; check(): Promise<boolean>; stop(): Promise<void> }
export function createDbWatch(options: { url: string | undefined; intervalMs?: number; failuresToDown?: number; onChange?: (down: boolean) => void }): TDbWatch
export function serveUnavailable(watch: TDbWatch, req: IncomingMessage, res: ServerResponse): boolean
