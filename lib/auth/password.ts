import 'server-only'
import { hash, verify } from '@node-rs/argon2'
import { ARGON2ID_OPTIONS as OPTIONS } from './password-options'

/** Passwords are hashed with argon2id (memory-hard; @node-rs/argon2, a maintained native binding). */

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of a random password, verified when the account does not exist so that timing reveals nothing. */
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`)
  return dummyHash
}
