import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { getCaisseStats, getOrganisationName } from '@/lib/db/repositories/insured'
import { Card } from '@/components/ui/card'
import { SignOutEverywhere } from '@/components/auth/sign-out-everywhere'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorQueue') }
}

export default async function AdvisorHome() {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller')
  const t = await getTranslations('advisor')
  const db = getDb()
  // Supervisors see every caisse; an advisor only theirs.
  const scope = user.role === 'supervisor' ? null : user.organisationId
  const [stats, caisse] = await Promise.all([
    getCaisseStats(db, scope),
    scope ? getOrganisationName(db, scope) : Promise.resolve(t('nationalScope')),
  ])
  const figures = [
    { label: t('insuredCount'), value: stats.insured },
    { label: t('proceduresWaiting'), value: stats.proceduresWaiting },
    { label: t('lockedAccounts'), value: stats.lockedAccounts },
  ]
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('homeTitle', { caisse: caisse ?? '—' })}</h1>
        <p className="text-slate-700">{t('homeLead', { name: user.displayName, role: t(`roles.${user.role === 'supervisor' ? 'supervisor' : 'advisor'}`) })}</p>
      </div>
      <Card title={t('stats')}>
        <dl className="grid gap-4 sm:grid-cols-3">
          {figures.map((f) => (
            <div key={f.label} className="rounded-md bg-ameli-50 p-4">
              <dt className="text-sm text-slate-700">{f.label}</dt>
              <dd className="text-2xl font-bold text-ameli-900">{f.value.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <p>{t('coming.queue')}</p>
      </Card>
      <SignOutEverywhere />
    </div>
  )
}
