import 'server-only'
import { randomInt } from 'node:crypto'
import { VERIFICATION_ALPHABET, VERIFICATION_LENGTH } from '@/lib/schemas/documents'

/** 12 characters from a 31-letter alphabet (≈ 59 bits), drawn with the crypto RNG: readable and unguessable. */
export function newVerificationCode(): string {
  let code = ''
  for (let i = 0; i < VERIFICATION_LENGTH; i++) code += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)]
  return code
}

/** "ABCD-EFGH-JKMN" (as printed and shown). */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}
