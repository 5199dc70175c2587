/**
 * The strings of app/error.tsx, translated on the server by the root layout and handed to it through a React context
 * (components/shell/error-strings.tsx): so that no page needs next-intl's client runtime (12 kB gzip) just for its
 * error screen. The incident reference is split around the digest, which only the browser knows.
 */
export type TErrorPageStrings = { title: string; text: string; referenceBefore: string; referenceAfter: string; retry: string; home: string }

type TTranslate = (key: string, values?: Record<string, string>) => string

const DIGEST_MARK = '\u0000digest\u0000'

/** `t`: a translator of the namespace errors.page. */
export function errorPageStrings(t: TTranslate): TErrorPageStrings {
  const [referenceBefore = '', referenceAfter = ''] = t('reference', { digest: DIGEST_MARK }).split(DIGEST_MARK)
  return { title: t('title'), text: t('text'), referenceBefore, referenceAfter, retry: t('retry'), home: t('home') }
}
