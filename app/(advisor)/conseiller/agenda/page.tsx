import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { ZOfficeAgendaQuery } from '@/lib/schemas/agenda'
import { getOfficeAgenda } from '@/lib/services/agenda/get-office-agenda'
import { formatSlotDayTitle, formatSlotTime } from '@/lib/domain/appointments/format'
import { markAppointmentAction } from '@/app/actions/agenda'
import { translateCode } from '@/lib/forms/procedure-action'
import { fmtDate } from '@/components/format'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { OpeningHoursTable } from '@/components/agenda/opening-hours'
import { DataTable } from '@/components/ui/data-table'
import { addDays, calendarDate } from '@/lib/domain/dates'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorAgenda') }
}

const shift = (day: string, n: number) => addDays(calendarDate(day), n)

/** The office agenda (issue 6 §6): one reception point, one day, slots per advisor with their appointments. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/agenda')
  const raw = await searchParams
  const q = ZOfficeAgendaQuery.parse(raw)
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const agenda = await getOfficeAgenda({ actor, pointId: q.point, day: q.day, now: new Date() })
  const t = await getTranslations('officeAgenda')
  const ta = await getTranslations('agenda')
  const tc = await getTranslations('cpamFinder')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const point = agenda.point
  const dayLabel = formatSlotDayTitle(new Date(`${agenda.day}T12:00:00Z`), locale)
  const closedToday = point?.closedDays.find((d) => d.date === agenda.day)
  const error = typeof raw.error === 'string' && /^[\w.-]{1,80}$/.test(raw.error) ? await translateCode(raw.error) : null
  const booked = agenda.slots.reduce((n, s) => n + s.bookedCount, 0)
  const capacity = agenda.slots.reduce((n, s) => n + s.capacity, 0)
  const link = (day: string) => `/conseiller/agenda?${new URLSearchParams({ ...(point ? { point: point.id } : {}), day }).toString()}`

  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-lg text-slate-700">{t('lead')}</p>
      </div>
      {raw.done ? <Alert tone="success" live>{t('marked')}</Alert> : null}
      {error ? <Alert tone="error" live>{error}</Alert> : null}
      {!point ? (
        <Alert tone="info">{t('noPoints')}</Alert>
      ) : (
        <>
          <form method="get" action="/conseiller/agenda" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <fieldset className="flex flex-wrap items-end gap-3">
              <legend className="mb-2 font-semibold text-ameli-900">{t('filterLegend')}</legend>
              <div>
                <label htmlFor="point" className="block text-sm font-semibold">{t('pointLabel')}</label>
                <select id="point" name="point" defaultValue={point.id} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2">
                  {agenda.points.map((p) => (
                    <option key={p.id} value={p.id}>
                      {agenda.points.some((x) => x.organisationId !== p.organisationId) ? `${p.organisationName} – ${p.name}` : p.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="day" className="block text-sm font-semibold">{t('dayLabel')}</label>
                <input id="day" name="day" type="date" defaultValue={agenda.day} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2" />
              </div>
              <button type="submit" className={buttonClass('secondary')}>{t('show')}</button>
            </fieldset>
          </form>

          <nav aria-label={t('daysNav')} className="flex justify-between text-sm">
            <Link href={link(shift(agenda.day, -1))}>← {t('previousDay')}</Link>
            <Link href={link(shift(agenda.day, 1))}>{t('nextDay')} →</Link>
          </nav>

          <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
            <section aria-labelledby="day-title" className="min-w-0 space-y-3">
              <h2 id="day-title" className="text-2xl font-semibold text-ameli-900">{dayLabel}</h2>
              {closedToday ? <Alert tone="warning">{t('closedToday', { reason: closedToday.reason })}</Alert> : null}
              {agenda.slots.length === 0 ? (
                <p>{t('noSlots')}</p>
              ) : (
                <>
                  <p>{t('summary', { booked, capacity })}</p>
                  <DataTable
                    caption={t('tableCaption', { point: point.name, day: dayLabel })}
                    variant="plain"
                    columns={[t('colTime'), t('colAdvisor'), t('colCapacity'), t('colBooked'), t('colAppointments')]}
                  >
                    {agenda.slots.map((s) => (
                      <tr key={s.id} className="border-b border-slate-200 align-top">
                        <th scope="row" className="whitespace-nowrap p-2 font-semibold">
                          {formatSlotTime(s.startsAt)}–{formatSlotTime(s.endsAt)}
                        </th>
                        <td className="whitespace-nowrap p-2">{s.advisorName ?? t('anyAdvisor')}</td>
                        <td className="p-2">{s.capacity}</td>
                        <td className="p-2">{s.bookedCount}</td>
                        <td className="p-2">
                          {s.appointments.length === 0 ? <span className="text-slate-600">{t('free')}</span> : null}
                          <ul className="space-y-2">
                            {s.appointments.map((a) => (
                              <li key={a.id} className="space-y-1">
                                <p>
                                  <span className="font-semibold">{a.insuredName}</span> · {ta(`reasons.${a.reason}`)} · <span className="font-semibold">{ta(`status.${a.status}`)}</span>
                                </p>
                                <p className="whitespace-pre-line text-slate-700">{a.description}</p>
                                <p className="text-xs text-slate-600">{ta('reference', { reference: a.reference })}</p>
                                {s.startsAt.getTime() <= Date.now() ? (
                                  <form action={markAppointmentAction} className="flex flex-wrap gap-2">
                                    <input type="hidden" name="appointmentId" value={a.id} />
                                    <input type="hidden" name="point" value={point.id} />
                                    <input type="hidden" name="day" value={agenda.day} />
                                    <button type="submit" name="outcome" value="done" className={buttonClass('secondary', 'min-h-9 px-2 py-1')} aria-label={t('markDoneLabel', { name: a.insuredName, time: formatSlotTime(s.startsAt) })}>
                                      {t('markDone')}
                                    </button>
                                    <button type="submit" name="outcome" value="no-show" className={buttonClass('secondary', 'min-h-9 px-2 py-1')} aria-label={t('markNoShowLabel', { name: a.insuredName, time: formatSlotTime(s.startsAt) })}>
                                      {t('markNoShow')}
                                    </button>
                                  </form>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </DataTable>
                </>
              )}
            </section>
            <aside className="space-y-4">
              <section aria-labelledby="hours-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 id="hours-title" className="mb-2 text-lg font-semibold text-ameli-900">{t('hoursTitle')}</h2>
                <p className="mb-2 text-sm">
                  {point.name}, {point.addressLine1}, {point.postalCode} {point.city}
                </p>
                <OpeningHoursTable hours={point.hours} caption={tc('hoursCaption', { name: point.name })} />
              </section>
              <section aria-labelledby="closed-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h2 id="closed-title" className="mb-2 text-lg font-semibold text-ameli-900">{t('closedDaysTitle')}</h2>
                <ul className="list-disc pl-5 text-sm">
                  {point.closedDays.map((d) => (
                    <li key={d.date}>
                      {fmtDate(d.date, locale)} : {d.reason}
                    </li>
                  ))}
                </ul>
              </section>
            </aside>
          </div>
        </>
      )}
    </div>
  )
}
