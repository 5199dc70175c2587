import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { ComingSoon } from '@/components/shell/coming-soon'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorMessages') }
}

export default async function Page() {
  await requireRole(['advisor', 'supervisor'], '/conseiller/messages')
  const tn = await getTranslations('nav')
  const t = await getTranslations('advisor.coming')
  return <ComingSoon title={tn('advisorMessages')} description={t('messages')} />
}
