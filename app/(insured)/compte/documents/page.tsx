import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { ComingSoon } from '@/components/shell/coming-soon'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('documents') }
}

export default async function Page() {
  await requireInsured('/compte/documents')
  const tn = await getTranslations('nav')
  const t = await getTranslations('insured.coming')
  return <ComingSoon title={tn('documents')} description={t('documents')} />
}
