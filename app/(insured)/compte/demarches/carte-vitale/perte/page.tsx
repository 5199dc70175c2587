import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { listCardsOfInsured } from '@/lib/db/repositories/card-orders'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { CardLossForm } from '@/components/procedures/vitale-forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.loss'))('title') }
}

/** Declare a Vitale card lost, stolen or broken: blocked at once; order the new one now or after the 2-day wait. */
export default async function CardLossPage() {
  const user = await requireInsured('/compte/demarches/carte-vitale/perte')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.loss')
  const cards = (await listCardsOfInsured(getDb(), user.insuredId))
    .filter((c) => c.kind === 'vitale' && c.status === 'active')
    .map((c) => {
      const person = ctx.persons.find((p) => (c.beneficiaryId ? p.id === c.beneficiaryId : p.self))
      return { id: c.id, label: t('cardOf', { name: person?.name ?? '' }), serialNumber: c.serialNumber, issuedOn: c.issuedOn }
    })
  const owner = ctx.persons.find((p) => p.self)
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <CardLossForm cards={cards} address={ctx.address} idempotencyKey={ctx.idempotencyKey} ownerName={owner?.name ?? ''} />
      </div>
    </div>
  )
}
