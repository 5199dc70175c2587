import { createTranslator } from 'next-intl'
import type { Locale } from './config'
import { messages } from './messages'

/**
 * A translator outside React (route handlers, the batch command): same message files, same ICU syntax.
 * `t(key, values)` with keys relative to `namespace`.
 */
export function translatorFor(locale: Locale, namespace: string): (key: string, values?: Record<string, string | number>) => string {
  const t = createTranslator({ locale, messages: messages[locale] as never, namespace: namespace as never })
  return (key, values) => (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values)
}
