import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { ZodError } from 'zod'
import { fmtDate, fmtNir } from '@/components/format'
import { requireStaffActor } from '@/lib/forms/staff-page'
import { openSearch } from '@/lib/forms/search-token'
import { searchInsuredAction } from '@/app/actions/back-office-search'
import { staffFieldErrors } from '@/lib/forms/staff-action'
import { translateCode } from '@/lib/forms/procedure-action'
import { isAppError } from '@/lib/errors'
import { searchInsuredFiles } from '@/lib/services/back-office/insured-file'
import type { TInsuredHit } from '@/lib/db/repositories/back-office'
import { buttonClass } from '@/components/ui/button'
import { controlClass } from '@/components/back-office/control-class'
import { DataTable, dataRowClass } from '@/components/ui/data-table'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorInsured') }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? ''

/** Search an insured file by NIR (with or without the key), name and birth date; advisors: their caisse only. */
export default async function InsuredSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor('/conseiller/assures')
  const t = await getTranslations('backoffice')
  const locale = await getLocale()
  const sp = await searchParams
  // The criteria come sealed in `q` (posted by searchInsuredAction), never as plain query parameters.
  const sealed = openSearch(actor.id, one(sp.q), new Date()) ?? {}
  const values = { nir: sealed.nir ?? '', name: sealed.name ?? '', birthDate: sealed.birthDate ?? '' }
  const asked = Object.values(values).some((v) => v.trim() !== '')
  let hits: TInsuredHit[] | null = null
  let errors: Record<string, string> = {}
  if (asked) {
    try {
      hits = await searchInsuredFiles({ actor, input: values })
    } catch (error) {
      if (error instanceof ZodError) errors = await staffFieldErrors(error)
      else if (isAppError(error) && typeof error.details?.field === 'string') errors = { [error.details.field]: await translateCode(error.code) }
      else throw error
    }
  }
  const field = (name: keyof typeof values, type: 'text' | 'date', hint?: string) => (
    <div>
      <label htmlFor={`s-${name}`} className="block font-semibold">
        {t(`search.${name}`)}
      </label>
      {hint ? (
        <p id={`s-${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p id={`s-${name}-error`} className="text-sm font-semibold text-danger-700">
          {errors[name]}
        </p>
      ) : null}
      <input
        id={`s-${name}`}
        name={name}
        type={type}
        defaultValue={values[name]}
        autoComplete="off"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `s-${name}-hint` : '', errors[name] ? `s-${name}-error` : ''].filter(Boolean).join(' ') || undefined}
        className={controlClass(Boolean(errors[name]), type === 'date' ? 'w-56 max-w-full' : 'w-72 max-w-full')}
      />
    </div>
  )
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('search.title')}</h1>
        <p className="max-w-3xl text-slate-700">{actor.role === 'supervisor' ? t('search.leadSupervisor') : t('search.lead')}</p>
      </div>
      <form action={searchInsuredAction} role="search" aria-label={t('search.title')} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        {field('nir', 'text', t('search.nirHint'))}
        {field('name', 'text', t('search.nameHint'))}
        {field('birthDate', 'date')}
        <button type="submit" className={buttonClass('primary')}>
          {t('search.submit')}
        </button>
      </form>
      {hits ? (
        <section aria-labelledby="results" className="space-y-3">
          <h2 id="results" className="text-xl font-semibold text-ameli-900">
            {t('search.results', { count: hits.length })}
          </h2>
          {hits.length > 0 ? (
            <DataTable
              caption={t('search.caption')}
              className="min-w-[40rem]"
              columns={[t('search.name'), t('search.nir'), t('search.birthDate'), t('search.city'), t('search.caisse')]}
            >
              {hits.map((h) => (
                <tr key={h.id} className={dataRowClass.boxed}>
                  <td className="px-3 py-2">
                    <Link href={`/conseiller/assures/${h.id}`} className="font-semibold">
                      {h.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{fmtNir(h.nir, h.nirKey)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{fmtDate(h.birthDate, locale)}</td>
                  <td className="px-3 py-2">
                    {h.postalCode} {h.city}
                  </td>
                  <td className="px-3 py-2">{h.caisse}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="rounded-md bg-ameli-50 p-4">{t('search.none')}</p>
          )}
        </section>
      ) : null}
    </div>
  )
}
