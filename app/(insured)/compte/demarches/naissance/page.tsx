import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { toCalendarDate } from '@/lib/domain/dates'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { BirthForm } from '@/components/procedures/situation-forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.birth'))('title') }
}

/** Declare a child's birth with the birth certificate; the child becomes a beneficiary once processed. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/naissance')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.birth')
  const today = toCalendarDate(new Date(), 'Europe/Paris')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <BirthForm idempotencyKey={ctx.idempotencyKey} maxDate={today} />
      </div>
    </div>
  )
}
