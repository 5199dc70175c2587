import type { IncomingMessage } from 'node:http'

export function normaliseAddress(address: string | null | undefined): string | null
export function trustedProxyHops(value?: string | undefined): number
export function trustedForwardedFor(incoming: string | string[] | undefined, socketAddress: string | null | undefined, hops: number): string
export function rewriteForwardingHeaders(req: Pick<IncomingMessage, 'headers' | 'rawHeaders' | 'socket'>, hops: number): string
export function isLoopback(hostname: string | null | undefined): boolean
export function usesBuiltInSecret(env: Record<string, string | undefined>): boolean
export function checkListen(env: Record<string, string | undefined>, hostname: string): { ok: true } | { ok: false; message: string }
export function createTrustedServer(
  handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => unknown,
  hops?: number,
  before?: (req: IncomingMessage, res: import('node:http').ServerResponse) => boolean,
): Promise<import('node:http').Server>
