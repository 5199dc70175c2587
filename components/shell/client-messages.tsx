import type { ReactNode } from 'react'
import { NextIntlClientProvider } from 'next-intl'
import { getLocale } from 'next-intl/server'
import { clientMessages, type TClientMessageArea } from '@/lib/i18n/client-messages'
import { isLocale } from '@/lib/i18n/config'

/**
 * Sends the messages of one area of the site (lib/i18n/client-messages.ts) to the client components below it. Used by
 * the layouts of the folders whose pages have translated client components; always with explicit messages (a
 * NextIntlClientProvider without `messages` would serialise the whole catalogue).
 */
export async function ClientMessages({ area, children }: { area: TClientMessageArea; children: ReactNode }) {
  const locale = await getLocale()
  return <NextIntlClientProvider messages={clientMessages(isLocale(locale) ? locale : 'fr', area)}>{children}</NextIntlClientProvider>
}
