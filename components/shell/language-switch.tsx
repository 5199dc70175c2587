import { getLocale, getTranslations } from 'next-intl/server'
import { setLocaleAction } from '@/app/actions/locale'

/** Switches between French and English with one click (a form, so it works without JavaScript). */
export async function LanguageSwitch() {
  const locale = await getLocale()
  const t = await getTranslations('shell')
  const other = locale === 'fr' ? 'en' : 'fr'
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        aria-label={t('switchToLabel')}
        className="min-h-11 rounded-md border border-white/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/10"
      >
        {t('switchTo')}
      </button>
    </form>
  )
}
