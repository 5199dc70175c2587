import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { toCalendarDate } from '@/lib/domain/dates'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { Alert } from '@/components/ui/alert'
import { EhicCertificateForm, EhicOrderForm } from '@/components/procedures/ehic-forms'
import { ProcedurePageHeader } from '@/components/procedures/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.ehic'))('title') }
}

/** Order a European Health Insurance Card (CEAM) before a trip; the provisional certificate when time is short. */
export default async function EhicPage() {
  const user = await requireInsured('/compte/demarches/ceam')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.ehic')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      {ctx.temporaryNumber ? (
        <Alert tone="warning">{t('temporaryNumber')}</Alert>
      ) : (
        <div className="grid items-start gap-8 lg:grid-cols-12">
          <div className="min-w-0 lg:col-span-7">
            <EhicOrderForm persons={ctx.persons} idempotencyKey={ctx.idempotencyKey} minDate={toCalendarDate(new Date(), 'Europe/Paris')} />
          </div>
          <section aria-labelledby="certificate-title" className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:col-span-5">
            <h2 id="certificate-title" className="text-lg font-semibold text-ameli-900">
              {t('certificateTitle')}
            </h2>
            <p className="text-sm text-slate-700">{t('certificateText')}</p>
            <ul className="space-y-3">
              {ctx.persons.map((p) => (
                <li key={p.value}>
                  <EhicCertificateForm person={p} />
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  )
}
