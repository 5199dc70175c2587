import { getRequestConfig } from 'next-intl/server'
import { cookies, headers } from 'next/headers'
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from './config'
import { messages as allMessages } from './messages'

/** The locale of this request: the user's choice (cookie), else the browser's language, else French. */
export async function currentLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  if (isLocale(fromCookie)) return fromCookie
  return localeFromAcceptLanguage((await headers()).get('accept-language'))
}

export default getRequestConfig(async () => {
  const locale = await currentLocale()
  const messages = allMessages[locale]
  return { locale, messages, timeZone: 'Europe/Paris' }
})
