import { messages as allMessages } from './messages'
import type { Locale } from './config'

/**
 * The message namespaces client components read (dotted paths allowed). Only these are serialised into every page
 * (the whole catalogue is ~90 KB per locale; server components read it on the server). A unit test
 * (tests/unit/app/client-messages.test.ts) scans every 'use client' file and fails when one reads a namespace missing here.
 */
export const CLIENT_NAMESPACES = ['errors', 'login', 'activation.page', 'activation.newPassword', 'procedurePages', 'tariffs', 'profile.contact', 'agenda', 'messaging', 'advisorMessaging', 'backoffice.file.careSheet', 'backoffice.staffErrors', 'backoffice.file.documents', 'simulator.pathway.options', 'affiliationPublic.form', 'affiliationPublic.done', 'affiliationPublic.errors', 'affiliationPublic.follow', 'security.totp', 'security.reset', 'procedureErrors.upload'] as const

type Tree = { [key: string]: unknown }

function setPath(target: Tree, path: string[], value: unknown): void {
  const last = path[path.length - 1]
  if (last === undefined) return
  let node = target
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
    node = node[key] as Tree
  }
  node[last] = value
}

function getPath(source: Tree, path: string[]): unknown {
  let node: unknown = source
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Tree)[key]
  }
  return node
}

/** The subset of `messages` listed in `namespaces`. */
export function pickMessages(messages: Tree, namespaces: readonly string[]): Tree {
  const out: Tree = {}
  for (const ns of namespaces) {
    const path = ns.split('.')
    const value = getPath(messages, path)
    if (value !== undefined) setPath(out, path, value)
  }
  return out
}

const cache = new Map<Locale, Tree>()

/** What the root layout hands to NextIntlClientProvider. */
export function clientMessages(locale: Locale): Tree {
  let picked = cache.get(locale)
  if (!picked) {
    picked = pickMessages(allMessages[locale] as Tree, CLIENT_NAMESPACES)
    cache.set(locale, picked)
  }
  return picked
}
