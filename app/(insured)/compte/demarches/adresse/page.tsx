import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { toCalendarDate } from '@/lib/domain/dates'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { AddressChangeForm } from '@/components/procedures/situation-forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.address'))('title') }
}

/** Declare a new postal address (the caisse may change with the department). */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/adresse')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.address')
  const today = toCalendarDate(new Date(), 'Europe/Paris')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <AddressChangeForm idempotencyKey={ctx.idempotencyKey} today={today} />
      </div>
    </div>
  )
}
