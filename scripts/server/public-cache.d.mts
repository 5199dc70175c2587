import type { IncomingMessage, ServerResponse } from 'node:http'

export const PUBLIC_CACHE_PATHS: readonly string[]
export const LOCALE_COOKIE: 'NEXT_LOCALE'
export const PUBLIC_CACHE_GLOBAL: unique symbol
export function localeFromAcceptLanguage(header: string | null | undefined): 'fr' | 'en'
export function parisDate(now: Date): string
export function publicCacheKey(req: { method?: string; url?: string; headers?: Record<string, string | string[] | undefined> }, now?: Date): string | null
export function publicCacheSeconds(value?: string | undefined): number
export type TCachedTemplate = { parts: string[]; scripts: ({ hash: string } | { parts: string[] })[]; directives: string[]; scriptIndex: number; kept: string[] }
export function prepareCachedHtml(html: string, csp: string | undefined): { ok: true; template: TCachedTemplate } | { ok: false; reason: string }
export function renderCachedHtml(template: TCachedTemplate, fresh?: () => string): { html: string; csp: string }
export type TCompiledTemplate = { template: TCachedTemplate; parts: Buffer[]; length: number; gzip: Buffer | null }
export function compileTemplate(template: TCachedTemplate): TCompiledTemplate
export function renderCompiled(compiled: TCompiledTemplate, fresh?: () => string): { body: Buffer; csp: string; deflate: (() => Buffer) | null }
export function adler32(buf: Uint8Array): number
export function adler32Combine(adler1: number, adler2: number, len2: number): number
export type TPublicPageCache = {
  serve(req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => unknown): unknown
  clear(): void
  size(): number
  counts(): { hit: number; miss: number; bypass: number; stored: number; refused: number }
  seconds: number
}
export function createPublicPageCache(options?: { seconds?: number; maxEntries?: number; now?: () => Date; maxBytes?: number; onStoreRefused?: (key: string, reason: string) => void }): TPublicPageCache
