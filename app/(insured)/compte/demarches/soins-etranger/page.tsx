import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { toCalendarDate } from '@/lib/domain/dates'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { AbroadForm } from '@/components/procedures/other-forms'
import { ProcedurePageHeader } from '@/components/procedures/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.abroad'))('title') }
}

/** Refund of care received abroad: country, date, amount and currency, receipt; an estimate on French tariffs first. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/soins-etranger')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.abroad')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <AbroadForm persons={ctx.persons} idempotencyKey={ctx.idempotencyKey} today={toCalendarDate(new Date(), 'Europe/Paris')} />
      </div>
    </div>
  )
}
