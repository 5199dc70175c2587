import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { cache } from 'react'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import { getPaymentLine, type TPaymentLineDetail } from '@/lib/services/payments/get-payment-line'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'
import { todayOf } from '@/lib/services/procedures/common'
import { reportCareNotReceivedAction } from '@/app/actions/payments'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { fmtDate, fmtMoney } from '@/components/format'
import { ShareBar } from '@/components/simulator/share-bar'
import { FiguresTable, type FigureRow } from '@/components/ui/figures-table'
import { ExplanationSteps } from '@/components/explanations/explanation-steps'

type Params = { lineId: string }
type SearchParams = Record<string, string | string[] | undefined>

const ZNotice = z.object({
  signalement: z.string().regex(/^[A-Z]{2,5}-\d{4}-[0-9A-F]{6,12}$/).optional().catch(undefined),
  erreur: z.string().regex(/^[A-Za-z.-]{1,80}$/).optional().catch(undefined),
  /** The report step: the comment form is shown (a link, so that it works without JavaScript). */
  signaler: z.literal('1').optional().catch(undefined),
})

/** Once per request (the metadata and the page both need the line). */
const load = cache(async (lineId: string): Promise<TPaymentLineDetail> => {
  const user = await requireInsured(`/compte/paiements/${encodeURIComponent(lineId)}`)
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  try {
    return await getPaymentLine({
      actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId },
      lineId,
      engine: await getRuleEngine(),
      rules: await getRuleSet(),
      locale,
      today: todayOf(new Date()),
    })
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound()
    throw error
  }
})

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const line = await load((await params).lineId)
  const locale = await getLocale()
  return { title: (await getTranslations('paymentsPage.detail'))('title', { care: line.act.label, date: fmtDate(line.careDate, locale) }) }
}

/**
 * The explanation of one reimbursement line: who paid what and when, the figures the engine stored, each step with
 * its rule and source, and "I did not receive this care". Someone else's line → 404.
 */
export default async function PaymentLinePage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
  const { lineId } = await params
  const line = await load(lineId)
  const notice = ZNotice.parse(await searchParams)
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const t = await getTranslations('paymentsPage.detail')
  const tAll = await getTranslations()
  const money = (c: number) => fmtMoney(c, locale)
  const minus = (c: number) => (c === 0 ? money(0) : `− ${money(c)}`)
  const fee = line.amoPaid + line.complementary + line.patient
  // Issue 17 §3: with the CSS, the complementary share is the CSS's, named as such.
  const isCss = line.situations.includes('css')
  const rate = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 2 }).format(line.rate / 100)
  const claimSource = `claimSource.${line.claim.source}`
  const errorMessage = notice.erreur ? (tAll.has(notice.erreur) ? tAll(notice.erreur) : tAll.has(`errors.${notice.erreur}`) ? tAll(`errors.${notice.erreur}`) : tAll('errors.unexpected')) : null

  const rows: FigureRow[] = [
    { key: 'fee', label: t('rows.fee'), value: money(fee) },
    { key: 'base', label: t('rows.base'), value: money(line.base) },
    { key: 'rate', label: t('rows.rate'), value: rate },
    { key: 'amoGross', label: t('rows.amoGross'), value: money(line.amoGross) },
    ...(line.localRegime !== 0 ? [{ key: 'localRegime', label: t('rows.localRegime'), value: `+ ${money(line.localRegime)}` }] : []),
    ...(line.participationApplies || line.participation !== 0 ? [{ key: 'participation', label: t('rows.participation'), value: minus(line.participation) }] : []),
    ...(line.franchiseApplies || line.franchise !== 0 ? [{ key: 'franchise', label: t('rows.franchise'), value: minus(line.franchise) }] : []),
    ...(line.carriedForward !== 0 ? [{ key: 'carriedForward', label: t('rows.carriedForward'), value: money(line.carriedForward) }] : []),
    { key: 'amoPaid', label: t('rows.amoPaid'), value: money(line.amoPaid), strong: true },
    { key: 'complementary', label: t('rows.complementary'), value: money(line.complementary), strong: true },
    { key: 'patient', label: t('rows.patient'), value: money(line.patient), strong: true },
  ]

  return (
    <div className="space-y-8">
      <div>
        <Link href="/compte/paiements" className="text-sm font-semibold">
          ← {t('back')}
        </Link>
        <h1 className="mt-2 text-3xl font-bold text-ameli-900">{t('title', { care: line.act.label, date: fmtDate(line.careDate, locale) })}</h1>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="facts-title" className="mb-3 text-lg font-semibold text-ameli-900">{t('factsTitle')}</h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="font-semibold text-slate-900">{t('person')}</dt>
              <dd>{line.person}</dd>
            </div>
            {line.professional ? (
              <div>
                <dt className="font-semibold text-slate-900">{t('professional')}</dt>
                <dd>{line.professional.name} ({line.professional.city})</dd>
              </div>
            ) : null}
            <div>
              <dt className="font-semibold text-slate-900">{t('claim')}</dt>
              <dd>
                {line.claim.reference} · {t.has(claimSource) ? t(claimSource as 'claimSource.fse') : line.claim.source}
              </dd>
            </div>
            <div>
              <dt className="font-semibold text-slate-900">{t('receivedOn')}</dt>
              <dd>{fmtDate(line.claim.receivedOn, locale)}</dd>
            </div>
          </dl>
          {line.claim.tiersPayant ? <p className="mt-3 text-sm text-slate-700">{t('tiersPayant')}</p> : null}
        </section>

        <section aria-labelledby="payment-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="payment-summary">
          <h2 id="payment-title" className="mb-3 text-lg font-semibold text-ameli-900">{t('paymentTitle')}</h2>
          <ul className="space-y-2 text-sm">
            <li>
              {line.payment
                ? line.payment.status === 'scheduled'
                  ? t('scheduledBy', { amount: money(line.amoPaid), date: fmtDate(line.payment.paidOn, locale), iban: line.payment.ibanMasked ?? '—', reference: line.payment.reference })
                  : line.payment.ibanMasked
                  ? t('paidBy', { amount: money(line.amoPaid), date: fmtDate(line.payment.paidOn, locale), iban: line.payment.ibanMasked, reference: line.payment.reference })
                  : t('paidByNoIban', { amount: money(line.amoPaid), date: fmtDate(line.payment.paidOn, locale), reference: line.payment.reference })
                : line.amoPaid > 0
                  ? t('processing')
                  : t('nothingPaid')}
            </li>
            <li>{line.complementary > 0 ? t(isCss ? 'mutuelleCss' : 'mutuelle', { amount: money(line.complementary) }) : t('mutuelleNone')}</li>
            <li className="font-semibold">{t('remains', { amount: money(line.patient) })}</li>
          </ul>
        </section>
      </div>

      <section aria-labelledby="figures-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="figures-title" className="text-lg font-semibold text-ameli-900">{t('figuresTitle')}</h2>
        <ShareBar
          locale={locale}
          caption={t('barCaption', { fee: money(fee) })}
          shares={[
            { key: 'amo', label: t('amo'), cents: line.amoPaid, amount: money(line.amoPaid) },
            { key: 'complementary', label: isCss ? t('complementaryCss') : t('complementary'), cents: line.complementary, amount: money(line.complementary) },
            { key: 'patient', label: t('you'), cents: line.patient, amount: money(line.patient) },
          ]}
        />
        <FiguresTable caption={t('tableCaption')} captionClassName="text-slate-900" itemLabel={t('item')} amountLabel={t('amount')} rows={rows} testId="line-figures" />
      </section>

      <section aria-labelledby="steps-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="steps-title" className="mb-3 text-lg font-semibold text-ameli-900">{t('stepsTitle')}</h2>
        <ExplanationSteps steps={line.steps} locale={locale} />
      </section>

      <section id="signalement" tabIndex={-1} aria-labelledby="dispute-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="dispute-title" className="mb-2 text-lg font-semibold text-ameli-900">{t('disputeTitle')}</h2>
        {notice.signalement ? (
          <Alert tone="success" live>
            {t('disputeDone', { reference: notice.signalement })}{' '}
            <Link href="/compte/demarches" className="font-semibold underline">{t('disputeFollow')}</Link>
          </Alert>
        ) : null}
        {errorMessage ? (
          <Alert tone="error" live>
            {t('disputeError', { message: errorMessage })}
          </Alert>
        ) : null}
        {line.disputedAt ? (
          !notice.signalement ? (
            <p className="text-sm text-slate-800">
              {t('disputed', { date: new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(line.disputedAt) })}{' '}
              <Link href="/compte/demarches" className="font-semibold underline">{t('disputeFollow')}</Link>
            </p>
          ) : null
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">{t('disputeText')}</p>
            {notice.signaler || errorMessage ? (
              <form action={reportCareNotReceivedAction} className="space-y-3" data-testid="dispute-form">
                <input type="hidden" name="lineId" value={line.id} />
                <input type="hidden" name="idempotencyKey" value={randomUUID()} />
                <div>
                  <label htmlFor="dispute-comment" className="block font-semibold text-slate-900">
                    {t('commentLabel')}
                  </label>
                  <p id="dispute-comment-hint" className="text-sm text-slate-700">{t('commentHint')}</p>
                  <textarea
                    id="dispute-comment"
                    name="comment"
                    required
                    minLength={10}
                    maxLength={1000}
                    rows={4}
                    aria-describedby="dispute-comment-hint"
                    {...(errorMessage ? { 'aria-invalid': true } : {})}
                    className="mt-1 block w-full max-w-2xl rounded-md border border-slate-500 bg-white px-3 py-2 text-base shadow-sm"
                  />
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <button type="submit" className={buttonClass('danger')}>
                    {t('disputeSend')}
                  </button>
                  <Link href={`/compte/paiements/${encodeURIComponent(line.id)}`} className={buttonClass('secondary')}>
                    {t('disputeKeep')}
                  </Link>
                </div>
              </form>
            ) : (
              <Link href={`/compte/paiements/${encodeURIComponent(line.id)}?signaler=1#signalement`} className={buttonClass('secondary')}>
                {t('disputeButton')}
              </Link>
            )}
          </div>
        )}
      </section>
    </div>
  )
}
