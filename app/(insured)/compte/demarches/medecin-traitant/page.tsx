import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { searchDemoDoctors } from '@/lib/services/procedures/declare-medecin-traitant'
import { ZSearchDoctors } from '@/lib/schemas/procedures'
import { DoctorForm } from '@/components/procedures/other-forms'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { buttonClass } from '@/components/ui/button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.doctor'))('title') }
}

/** Declare a médecin traitant: search among the demo doctors (GET form) or give the RPPS number. */
export default async function DoctorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireInsured('/compte/demarches/medecin-traitant')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.doctor')
  const raw = (await searchParams).q
  const query = typeof raw === 'string' ? raw : ''
  const parsed = query ? ZSearchDoctors.safeParse({ query }) : null
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const doctors = parsed?.success ? await searchDemoDoctors({ actor, input: parsed.data }) : []
  const searchError = parsed && !parsed.success
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl space-y-6">
        <form method="get" role="search" aria-label={t('searchLabel')} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <label htmlFor="doctor-q" className="block font-semibold text-slate-900">
            {t('searchLabel')}
          </label>
          <p id="doctor-q-hint" className="mt-0.5 text-sm text-slate-600">
            {t('searchHint')}
          </p>
          {searchError ? (
            <p id="doctor-q-error" className="mt-1 text-sm font-semibold text-danger-700">
              {t('searchTooShort')}
            </p>
          ) : null}
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              id="doctor-q"
              name="q"
              type="search"
              defaultValue={query}
              aria-describedby={searchError ? 'doctor-q-hint doctor-q-error' : 'doctor-q-hint'}
              aria-invalid={searchError ? true : undefined}
              className="block min-h-11 w-full max-w-sm rounded-md border border-slate-500 bg-white px-3 py-2 text-base shadow-sm"
            />
            <button type="submit" className={buttonClass('secondary')}>
              {t('searchButton')}
            </button>
          </div>
          {parsed?.success ? <p className="mt-2 text-sm" role="status">{t('results', { count: doctors.length })}</p> : null}
        </form>
        <DoctorForm idempotencyKey={ctx.idempotencyKey} doctors={doctors} current={ctx.overview.doctor ? `${ctx.overview.doctor.name} (${ctx.overview.doctor.city})` : null} />
      </div>
    </div>
  )
}
