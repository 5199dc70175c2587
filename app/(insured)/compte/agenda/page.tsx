import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { isAppError } from '@/lib/errors'
import { requireInsured } from '@/lib/auth/session'
import { ZAgendaQuery } from '@/lib/schemas/agenda'
import { getMyAgenda, type TMyAppointment } from '@/lib/services/agenda/get-my-agenda'
import { formatSlotDay, formatSlotDayTitle, formatSlotTime } from '@/lib/domain/appointments/format'
import { APPOINTMENT_REASONS, utcToZoned } from '@/lib/domain/appointments/slots'
import { cancelAppointmentAction } from '@/app/actions/agenda'
import { fmtDate } from '@/components/format'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { BookingForm, type TSlotDay } from '@/components/agenda/booking-form'
import { translateCode } from '@/lib/forms/procedure-action'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('agenda') }
}

type L = 'fr' | 'en'

async function AppointmentCard({ a, locale, confirmCancel = false }: { a: TMyAppointment; locale: L; confirmCancel?: boolean }) {
  const t = await getTranslations('agenda')
  const day = formatSlotDay(a.slot.startsAt, locale)
  const time = formatSlotTime(a.slot.startsAt)
  const confirming = confirmCancel && a.upcoming && a.changeable
  return (
    <li id={`appointment-${a.id}`} tabIndex={-1} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="appointment">
      <p className="text-lg font-semibold text-ameli-900">{t('when', { day: formatSlotDayTitle(a.slot.startsAt, locale), time })}</p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t('placeLabel')}</dt>
        <dd>
          {a.point.name}, {a.point.addressLine1}, {a.point.postalCode} {a.point.city}
        </dd>
        <dt className="font-semibold">{t('advisorLabel')}</dt>
        <dd>{a.slot.advisorName ?? t('anyAdvisor')}</dd>
        <dt className="font-semibold">{t('reasonLabel')}</dt>
        <dd>{t(`reasons.${a.reason}`)}</dd>
        <dt className="font-semibold">{t('descriptionShown')}</dt>
        <dd className="whitespace-pre-line">{a.description}</dd>
      </dl>
      <p className="text-sm text-slate-700">
        {t('reference', { reference: a.reference })} · <span className="font-semibold">{t(`status.${a.status}`)}</span>
      </p>
      {a.upcoming ? (
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/api/agenda/appointments/${a.id}/ics`} className={buttonClass('secondary')} aria-label={t('downloadIcsLabel', { day, time })} download>
            {t('downloadIcs')}
          </a>
          {a.changeable ? (
            <>
              <Link href={`/compte/agenda?move=${a.id}#booking`} className={buttonClass('secondary')} aria-label={t('moveLabel', { day, time })}>
                {t('move')}
              </Link>
              {confirming ? null : (
                <Link href={`/compte/agenda?cancel=${encodeURIComponent(a.id)}#appointment-${a.id}`} className={buttonClass('danger')} aria-label={t('cancelLabel', { day, time })}>
                  {t('cancel')}
                </Link>
              )}
            </>
          ) : (
            <p className="text-sm text-warn-800">{t('tooLateToChange')}</p>
          )}
        </div>
      ) : null}
      {confirming ? (
        <div role="group" aria-labelledby={`cancel-title-${a.id}`} className="space-y-3 rounded-md border-2 border-danger-700 bg-danger-50 p-4" data-testid="cancel-confirmation">
          <p id={`cancel-title-${a.id}`} className="font-semibold text-danger-700">{t('cancelConfirmTitle', { day, time })}</p>
          <p className="text-sm text-slate-800">{t('cancelConfirmText')}</p>
          <form action={cancelAppointmentAction} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="appointmentId" value={a.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className={buttonClass('danger')}>
              {t('cancelConfirm')}
            </button>
            <Link href="/compte/agenda" className={buttonClass('secondary')}>
              {t('cancelKeep')}
            </Link>
          </form>
        </div>
      ) : null}
    </li>
  )
}

/** "Mon agenda" (issue 6 §2): my appointments, then booking (or moving) with the free slots of one office and week. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireInsured('/compte/agenda')
  const raw = await searchParams
  const q = ZAgendaQuery.parse(raw)
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const agenda = await getMyAgenda({ actor, pointId: q.point, week: q.week, moveId: q.move, now: new Date() }).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound()
    throw e
  })
  const t = await getTranslations('agenda')
  const locale: L = (await getLocale()) === 'en' ? 'en' : 'fr'
  const done = typeof raw.done === 'string' ? raw.done : null
  const doneAppointment = typeof raw.appointment === 'string' ? agenda.upcoming.find((a) => a.id === raw.appointment) : undefined
  const error = typeof raw.error === 'string' && /^[\w.-]{1,80}$/.test(raw.error) ? await translateCode(raw.error) : null

  const days: TSlotDay[] = []
  for (const s of agenda.freeSlots) {
    const date = utcToZoned(s.startsAt).date
    let day = days.find((d) => d.date === date)
    if (!day) days.push((day = { date, label: formatSlotDayTitle(s.startsAt, locale), slots: [] }))
    day.slots.push({ id: s.id, time: formatSlotTime(s.startsAt), advisor: s.advisorName ?? t('anyAdvisor') })
  }
  const weeks = [0, 1, 2, 3, 4, 5]
  const weekStartOf = (w: number) => new Date(Date.parse(`${agenda.weekStart}T12:00:00Z`) + (w - agenda.week) * 7 * 86_400_000).toISOString().slice(0, 10)
  const moving = agenda.moving
  const showForm = moving !== null || agenda.canBook
  const qs = (w: number) => `/compte/agenda?${new URLSearchParams({ ...(agenda.point ? { point: agenda.point.id } : {}), week: String(w), ...(moving ? { move: moving.id } : {}) }).toString()}#booking`

  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-lg text-slate-700">{t('lead')}</p>
        <p className="text-sm text-slate-700">{t('rulesNote', { max: agenda.maxUpcoming })}</p>
      </div>

      {done === 'booked' && doneAppointment ? (
        <Alert tone="success" live>
          {t('booked', {
            day: formatSlotDay(doneAppointment.slot.startsAt, locale),
            time: formatSlotTime(doneAppointment.slot.startsAt),
            place: doneAppointment.point.name,
            reference: doneAppointment.reference,
          })}
        </Alert>
      ) : null}
      {done === 'moved' && doneAppointment ? (
        <Alert tone="success" live>
          {t('movedNotice', { day: formatSlotDay(doneAppointment.slot.startsAt, locale), time: formatSlotTime(doneAppointment.slot.startsAt) })}
        </Alert>
      ) : null}
      {done === 'cancelled' ? (
        <Alert tone="success" live>
          {t('cancelledNotice')}
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="error" live>
          {error}
        </Alert>
      ) : null}

      <section aria-labelledby="upcoming-title" className="space-y-3">
        <h2 id="upcoming-title" className="text-2xl font-semibold text-ameli-900">{t('upcomingTitle')}</h2>
        {agenda.upcoming.length ? (
          <ul className="grid gap-3 lg:grid-cols-2">
            {agenda.upcoming.map((a) => (
              <AppointmentCard key={a.id} a={a} locale={locale} confirmCancel={q.cancel === a.id} />
            ))}
          </ul>
        ) : (
          <p>{t('noUpcoming')}</p>
        )}
      </section>

      <section id="booking" aria-labelledby="booking-title" className="max-w-4xl space-y-4">
        <h2 id="booking-title" className="text-2xl font-semibold text-ameli-900">
          {moving ? t('moveTitle', { day: formatSlotDay(moving.slot.startsAt, locale), time: formatSlotTime(moving.slot.startsAt) }) : t('bookTitle')}
        </h2>
        {moving ? (
          <p>
            <Link href="/compte/agenda">{t('stopMoving')}</Link>
          </p>
        ) : null}
        {!showForm ? <Alert tone="info">{t('maxReached', { max: agenda.maxUpcoming })}</Alert> : null}
        {showForm && !agenda.point ? <Alert tone="info">{t('noPoint')}</Alert> : null}
        {showForm && agenda.point ? (
          <>
            <form method="get" action="/compte/agenda#booking" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <fieldset className="flex flex-wrap items-end gap-3">
                <legend className="mb-2 font-semibold text-ameli-900">{t('pointLegend')}</legend>
                {moving ? <input type="hidden" name="move" value={moving.id} /> : null}
                <div>
                  <label htmlFor="point" className="block text-sm font-semibold">{t('pointLabel')}</label>
                  <select id="point" name="point" defaultValue={agenda.point.id} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2">
                    {agenda.points.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="week" className="block text-sm font-semibold">{t('weekLabel')}</label>
                  <select id="week" name="week" defaultValue={String(agenda.week)} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2">
                    {weeks.map((w) => (
                      <option key={w} value={w}>
                        {t('weekOption', { date: fmtDate(weekStartOf(w), locale) })}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className={buttonClass('secondary')}>{t('showSlots')}</button>
              </fieldset>
            </form>
            <nav aria-label={t('weeksNav')} className="flex justify-between text-sm">
              {agenda.week > 0 ? <Link href={qs(agenda.week - 1)}>← {t('previousWeek')}</Link> : <span />}
              {agenda.week < 5 ? <Link href={qs(agenda.week + 1)}>{t('nextWeek')} →</Link> : <span />}
            </nav>
            {days.length === 0 ? (
              <Alert tone="info">{t('noSlots')}</Alert>
            ) : (
              <BookingForm
                key={`${agenda.point.id}-${agenda.week}-${moving?.id ?? ''}`}
                mode={moving ? 'move' : 'book'}
                appointmentId={moving?.id}
                idempotencyKey={randomUUID()}
                days={days}
                legend={t('slotsLegend', { date: fmtDate(agenda.weekStart, locale) })}
                reasons={APPOINTMENT_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
              />
            )}
          </>
        ) : null}
      </section>

      <section aria-labelledby="past-title" className="space-y-3">
        <h2 id="past-title" className="text-2xl font-semibold text-ameli-900">{t('pastTitle')}</h2>
        {agenda.past.length ? (
          <ul className="grid gap-3 lg:grid-cols-2">
            {agenda.past.map((a) => (
              <AppointmentCard key={a.id} a={a} locale={locale} />
            ))}
          </ul>
        ) : (
          <p>{t('noPast')}</p>
        )}
      </section>
    </div>
  )
}
