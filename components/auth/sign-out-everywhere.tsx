import { getTranslations } from 'next-intl/server'
import { signOutEverywhereAction } from '@/app/actions/session'

export async function SignOutEverywhere() {
  const t = await getTranslations('shell')
  return (
    <form action={signOutEverywhereAction}>
      <button type="submit" className="min-h-11 rounded-md border border-danger-700 px-4 py-2 text-sm font-semibold text-danger-700 hover:bg-danger-50">
        {t('signOutEverywhere')}
      </button>
    </form>
  )
}
