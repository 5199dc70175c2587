import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ComingSoon } from '@/components/shell/coming-soon'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('checkAttestation') }
}

/** Public page (no sign-in). */
export default async function Page() {
  const tn = await getTranslations('nav')
  const t = await getTranslations('public.coming')
  return <ComingSoon title={tn('checkAttestation')} description={t('checkAttestation')} />
}
