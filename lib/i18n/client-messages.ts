import { messages as allMessages } from './messages'
import type { Locale } from './config'

/** What the form kit (components/procedures/form-kit.tsx, file-upload.tsx) reads, in every area that has forms. */
const FORM_KIT = ['procedurePages.common', 'procedurePages.upload', 'procedureErrors.upload', 'backoffice.staffErrors'] as const

/**
 * The messages the client components of each part of the site read (dotted paths allowed), sent by the layout of that
 * folder (components/shell/client-messages.tsx, `<ClientMessages area="…">`): a page serialises only its area's
 * messages, not the catalogue (~90 KB a locale) nor every form's strings (65 KB when one list served every page), and
 * a page outside every area (no translated client component) loads no next-intl client code at all (the root layout
 * has no provider; app/error.tsx gets its strings from it already translated, lib/i18n/error-page-strings.ts).
 * The innermost area is the one a component sees (a nested provider replaces its parent's messages, it does not merge).
 * A unit test (tests/unit/app/client-messages.test.ts) follows each page's imports to the 'use client' files it renders
 * and fails when one reads a namespace its area does not send.
 */
export const CLIENT_MESSAGE_AREAS = {
  /** app/(public)/connexion */
  login: ['login', 'errors'],
  /** app/(public)/activer-mon-compte */
  activation: ['activation.page', ...FORM_KIT],
  /** app/(public)/mot-de-passe-oublie */
  passwordReset: ['security.reset', ...FORM_KIT],
  /** app/(public)/affiliation (request and follow-up) */
  affiliation: ['affiliationPublic.form', 'affiliationPublic.done', 'affiliationPublic.errors', 'affiliationPublic.follow', ...FORM_KIT],
  /** app/(insured)/compte/agenda */
  agenda: ['agenda', ...FORM_KIT],
  /** app/(insured)/compte/messagerie */
  messaging: ['messaging', 'advisorMessaging', ...FORM_KIT],
  /** app/(insured)/compte/profil */
  profile: ['profile.contact', ...FORM_KIT],
  /** app/(insured)/compte/nouveau-mot-de-passe */
  firstPassword: ['activation.newPassword', ...FORM_KIT],
  /** app/(insured)/compte/demarches */
  procedures: ['procedurePages', 'procedureErrors.upload', 'backoffice.staffErrors'],
  /** app/(advisor)/conseiller */
  staff: ['tariffs', 'agenda', 'messaging', 'advisorMessaging', 'backoffice.file.careSheet', 'backoffice.file.documents', 'simulator.pathway.options', 'security.totp', ...FORM_KIT],
} as const satisfies Record<string, readonly string[]>
export type TClientMessageArea = keyof typeof CLIENT_MESSAGE_AREAS

/** Every namespace some client component reads (the union of the areas). */
export const CLIENT_NAMESPACES: readonly string[] = [...new Set(Object.values(CLIENT_MESSAGE_AREAS).flat())]

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

const cache = new Map<string, Tree>()

/** What `<ClientMessages area>` hands to NextIntlClientProvider: the area's namespaces in `locale`. */
export function clientMessages(locale: Locale, area: TClientMessageArea): Tree {
  const key = `${locale}:${area}`
  let picked = cache.get(key)
  if (!picked) {
    picked = pickMessages(allMessages[locale] as Tree, CLIENT_MESSAGE_AREAS[area])
    cache.set(key, picked)
  }
  return picked
}
