import { getTranslations } from 'next-intl/server'
import { fmtDate, fmtMoney } from '@/components/format'
import { FiguresTable, type FigureRow } from '@/components/ui/figures-table'
import { ShareBar } from './share-bar'
import { ExplanationSteps, type ExplanationStepView } from '@/components/explanations/explanation-steps'

/** What the result panel shows: the figures of SIMULATION-API "A result", steps already in sentences. */
export interface SimulationView {
  act: { code: string; label: string }
  careDate: string
  /** The Alsace-Moselle row is shown for that regime even when the complement is zero. */
  localRegimeApplies: boolean
  /** The act can bear a participation forfaitaire (doctors, lab) or a franchise (medicines, paramedical care, transport). */
  participationApplies: boolean
  franchiseApplies: boolean
  /** The Complémentaire santé solidaire pays instead of a mutuelle. */
  css: boolean
  base: number
  rate: number
  amoGross: number
  localRegime: number
  participation: number
  franchise: number
  carriedForward: number
  amoPaid: number
  complementary: number
  patient: number
  steps: ExplanationStepView[]
}

/** The result of a simulation: who pays what (bar), the figures (table), then each step explained. */
export async function SimulationResult({ view, locale }: { view: SimulationView; locale: 'fr' | 'en' }) {
  const t = await getTranslations('simulator.result')
  const money = (cents: number) => fmtMoney(cents, locale)
  const minus = (cents: number) => (cents === 0 ? money(0) : `− ${money(cents)}`)
  const fee = view.patient + view.amoPaid + view.complementary
  const rate = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 2 }).format(view.rate / 100)

  const rows: FigureRow[] = [
    { key: 'fee', label: t('rows.fee'), value: money(fee) },
    { key: 'base', label: t('rows.base'), value: money(view.base) },
    { key: 'rate', label: t('rows.rate'), value: rate },
    { key: 'amoGross', label: t('rows.amoGross'), value: money(view.amoGross) },
    ...(view.localRegimeApplies || view.localRegime !== 0 ? [{ key: 'localRegime', label: t('rows.localRegime'), value: `+ ${money(view.localRegime)}` }] : []),
    ...(view.participationApplies || view.participation !== 0 ? [{ key: 'participation', label: t('rows.participation'), value: minus(view.participation) }] : []),
    ...(view.franchiseApplies || view.franchise !== 0 ? [{ key: 'franchise', label: t('rows.franchise'), value: minus(view.franchise) }] : []),
    { key: 'amoPaid', label: t('rows.amoPaid'), value: money(view.amoPaid), strong: true },
    ...(view.carriedForward !== 0 ? [{ key: 'carriedForward', label: t('rows.carriedForward'), value: money(view.carriedForward), note: t('carriedForwardNote') }] : []),
    { key: 'complementary', label: view.css ? t('rows.css') : t('rows.mutuelle'), value: money(view.complementary), strong: true },
    { key: 'patient', label: t('rows.patient'), value: money(view.patient), strong: true },
  ]

  return (
    <div className="space-y-6">
      <p className="text-slate-800">{t('summary', { act: view.act.label, code: view.act.code, date: fmtDate(view.careDate, locale), fee: money(fee) })}</p>

      <section aria-labelledby="sim-bar-title" className="space-y-2">
        <h3 id="sim-bar-title" className="text-lg font-semibold text-ameli-900">
          {t('barTitle')}
        </h3>
        <ShareBar
          locale={locale}
          caption={t('barCaption', { fee: money(fee) })}
          shares={[
            { key: 'amo', label: t('amo'), cents: view.amoPaid, amount: money(view.amoPaid) },
            { key: 'complementary', label: view.css ? t('css') : t('mutuelle'), cents: view.complementary, amount: money(view.complementary) },
            { key: 'patient', label: t('you'), cents: view.patient, amount: money(view.patient) },
          ]}
        />
      </section>

      <FiguresTable caption={t('tableCaption')} captionClassName="text-lg text-ameli-900" itemLabel={t('item')} amountLabel={t('amount')} rows={rows} />

      <section aria-labelledby="sim-steps-title">
        <h3 id="sim-steps-title" className="mb-2 text-lg font-semibold text-ameli-900">
          {t('stepsTitle')}
        </h3>
        <ExplanationSteps steps={view.steps} locale={locale} />
      </section>

      <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">{t('disclaimer')}</p>
    </div>
  )
}
