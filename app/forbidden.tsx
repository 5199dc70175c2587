import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

export default async function Forbidden() {
  const t = await getTranslations('forbidden')
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10">
      <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
      <p>{t('text')}</p>
      <p><Link href="/">{t('back')}</Link></p>
    </div>
  )
}
