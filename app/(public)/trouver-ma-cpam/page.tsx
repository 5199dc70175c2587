import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ComingSoon } from '@/components/shell/coming-soon'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('findCpam') }
}

/** Public page (no sign-in). */
export default async function Page() {
  const tn = await getTranslations('nav')
  const t = await getTranslations('public.coming')
  return <ComingSoon title={tn('findCpam')} description={t('findCpam')} />
}
