import sharp from 'sharp'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'

export const NOW = new Date('2026-11-24T10:00:00Z')
export const ctx = { ip: '192.0.2.20', userAgent: 'vitest', now: NOW }

export async function insuredActor(firstNames: string): Promise<TActor & { insuredId: string }> {
  const u = await getDb().user.findFirstOrThrow({ where: { role: 'insured', insured: { firstNames } }, select: { id: true, insuredId: true } })
  return { id: u.id, role: 'insured', insuredId: u.insuredId!, organisationId: null }
}

export async function staffActor(email: string): Promise<TActor> {
  const u = await getDb().user.findFirstOrThrow({ where: { email }, select: { id: true, role: true, organisationId: true } })
  return { id: u.id, role: u.role as 'advisor' | 'supervisor', insuredId: null, organisationId: u.organisationId }
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code}`
    throw error
  }
}

export async function jpeg(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#88aacc' } }).jpeg().toBuffer())
}

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

let n = 0
export const key = (label = 'k') => `${label}-${Date.now()}-${n++}-idem`
