import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { Alert } from '@/components/ui/alert'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { VitaleOrderForm } from '@/components/procedures/vitale-forms'
import { vitaleAvailabilityNote } from '@/components/procedures/vitale-availability-note'
import { requestInfo } from '@/lib/auth/request-info'
import { vitaleAvailability } from '@/lib/services/procedures/vitale-availability'
import Link from 'next/link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.vitale'))('title') }
}

/** Order a Vitale card for oneself or a beneficiary: address, photo and identity document (RULEBOOK §9). */
export default async function OrderVitalePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireInsured('/compte/demarches/carte-vitale')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.vitale')
  const pour = (await searchParams).pour
  const preselected = typeof pour === 'string' && ctx.persons.some((p) => p.value === pour) ? pour : undefined
  const locale = await getLocale()
  const availability = await vitaleAvailability(
    user.insuredId,
    ctx.persons.filter((p) => !p.self).map((p) => p.id),
    (await requestInfo()).now,
  )
  const r = availability.rules
  const notes = Object.fromEntries(ctx.persons.map((p) => [p.value, vitaleAvailabilityNote(availability.byPerson[p.self ? 'self' : p.id], r, t, locale)]).filter((e): e is [string, string] => e[1] !== null))
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="grid items-start gap-8 lg:grid-cols-12">
        <div className="min-w-0 space-y-6 lg:col-span-8">
          <section aria-labelledby="vitale-rules" className="rounded-lg border-l-4 border-ameli-600 bg-ameli-50 p-4 text-sm" data-testid="vitale-rules">
            <h2 id="vitale-rules" className="font-semibold text-ameli-900">
              {t('rulesTitle')}
            </h2>
            <p className="mt-1">{t('rulesText', { ownAge: r.ownAge, onRequestAge: r.onRequestAge, waitDays: r.waitDays })}</p>
            <p className="mt-1">
              <Link href="/compte/demarches/carte-vitale/perte" className="font-semibold">
                {t('rulesLink')}
              </Link>
            </p>
          </section>
          {ctx.temporaryNumber ? (
            <Alert tone="warning">{t('temporaryNumber')}</Alert>
          ) : (
            <VitaleOrderForm persons={ctx.persons} address={ctx.address} idempotencyKey={ctx.idempotencyKey} preselected={preselected} notes={notes} />
          )}
        </div>
        <aside aria-labelledby="vitale-know" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm lg:col-span-4">
          <h2 id="vitale-know" className="mb-2 text-lg font-semibold text-ameli-900">
            {t('knowTitle')}
          </h2>
          <ul className="list-disc space-y-2 pl-5 text-slate-700">
            <li>{t('know1')}</li>
            <li>{t('know2')}</li>
            <li>{t('know3')}</li>
            <li>{t('know4')}</li>
          </ul>
        </aside>
      </div>
    </div>
  )
}
