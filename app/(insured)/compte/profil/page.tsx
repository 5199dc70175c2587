import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { ComingSoon } from '@/components/shell/coming-soon'
import { SignOutEverywhere } from '@/components/auth/sign-out-everywhere'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('profile') }
}

export default async function ProfilePage() {
  await requireInsured('/compte/profil')
  const tn = await getTranslations('nav')
  const t = await getTranslations('insured.coming')
  return (
    <div className="space-y-6">
      <ComingSoon title={tn('profile')} description={t('profile')} />
      <SignOutEverywhere />
    </div>
  )
}
