/**
 * Every UI string, per locale. One JSON file per feature area (core, simulator, procedures…) so that
 * features can grow their strings without touching each other's files; top-level namespaces must not
 * collide (tests/unit/app/messages.test.ts checks it).
 */
import frCore from './fr/core.json'
import enCore from './en/core.json'
import frProcedures from './fr/procedures.json'
import enProcedures from './en/procedures.json'

export const messageFiles = {
  fr: { core: frCore, procedures: frProcedures },
  en: { core: enCore, procedures: enProcedures },
} as const

function merge<T extends Record<string, object>>(files: T): Record<string, unknown> {
  return Object.assign({}, ...Object.values(files)) as Record<string, unknown>
}

export const messages = {
  fr: merge(messageFiles.fr),
  en: merge(messageFiles.en),
}
