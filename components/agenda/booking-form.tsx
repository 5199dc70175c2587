'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useTranslations } from 'next-intl'
import { bookAppointmentAction, moveAppointmentAction } from '@/app/actions/agenda'
import { ChoiceGroup, ErrorSummary, ErrorText, Section, SubmitButton, describedBy } from '@/components/procedures/form-kit'
import { errorId, fieldId, hintId, initialFormState } from '@/components/procedures/form-state'

export type TSlotDay = { date: string; label: string; slots: { id: string; time: string; advisor: string }[] }

/**
 * The slot picker: one radio group (native radios: Tab enters the group, the arrow keys move between slots,
 * Space selects; the focus ring is visible), slots grouped by day under a heading.
 */
function SlotPicker({ days, legend, error, selected }: { days: TSlotDay[]; legend: string; error?: string; selected?: string }) {
  const t = useTranslations('agenda')
  const firstId = days[0]?.slots[0]?.id
  return (
    <fieldset aria-describedby={describedBy(hintId('slotId'), error && errorId('slotId'))} className={`min-w-0 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
      <legend className="font-semibold text-slate-900">{legend}</legend>
      <p id={hintId('slotId')} className="mt-0.5 text-sm text-slate-600">{t('slotsHint')}</p>
      <ErrorText name="slotId" message={error} />
      <div className="mt-3 space-y-4">
        {days.map((day) => (
          <div key={day.date}>
            <h3 className="mb-2 font-semibold text-ameli-900">{day.label}</h3>
            <ul className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
              {day.slots.map((s) => {
                const id = s.id === firstId ? fieldId('slotId') : `${fieldId('slotId')}-${s.id}`
                return (
                  <li key={s.id}>
                    <label
                      htmlFor={id}
                      className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm has-[:checked]:border-ameli-700 has-[:checked]:bg-ameli-700 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ameli-900"
                    >
                      <input id={id} type="radio" name="slotId" value={s.id} defaultChecked={selected === s.id} className="size-4 accent-white" />
                      <span>
                        <span className="sr-only">{day.label}, </span>
                        <span className="font-semibold">{s.time}</span> <span className="text-xs">{s.advisor}</span>
                      </span>
                    </label>
                  </li>
                )
              })}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

/** Book (reason, description, slot) or move (slot only) an appointment; works without JavaScript too. */
/** idempotencyKey: set once per display of the form (a double click or a second submission books once). */
export function BookingForm({ mode, days, legend, reasons, appointmentId, idempotencyKey }: { mode: 'book' | 'move'; days: TSlotDay[]; legend: string; reasons: { value: string; label: string }[]; appointmentId?: string; idempotencyKey?: string }) {
  const t = useTranslations('agenda')
  const { state, form } = useKeptForm(mode === 'book' ? bookAppointmentAction : moveAppointmentAction, initialFormState<null>())
  const v = state.values
  return (
    <form {...form} className="space-y-5" noValidate>
      <ErrorSummary state={state} order={['reason', 'description', 'slotId']} />
      {mode === 'move' ? <input type="hidden" name="appointmentId" value={appointmentId} /> : null}
      {mode === 'book' && idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      {mode === 'book' ? (
        <Section>
          <ChoiceGroup name="reason" type="radio" legend={t('reasonLegend')} error={state.errors.reason} choices={reasons} checked={(x) => v.reason === x} columns />
          <div className={state.errors.description ? 'border-l-4 border-danger-700 pl-3' : undefined}>
            <label htmlFor={fieldId('description')} className="block font-semibold text-slate-900">{t('descriptionLabel')}</label>
            <p id={hintId('description')} className="mt-0.5 text-sm text-slate-600">{t('descriptionHint')}</p>
            <ErrorText name="description" message={state.errors.description} />
            <textarea
              id={fieldId('description')}
              name="description"
              rows={4}
              maxLength={500}
              required
              defaultValue={v.description ?? ''}
              aria-invalid={state.errors.description ? true : undefined}
              aria-describedby={describedBy(hintId('description'), state.errors.description && errorId('description'))}
              className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${state.errors.description ? 'border-2 border-danger-700' : 'border-slate-500'}`}
            />
          </div>
        </Section>
      ) : null}
      <Section>
        <SlotPicker days={days} legend={legend} error={state.errors.slotId} selected={v.slotId} />
      </Section>
      <SubmitButton>{mode === 'book' ? t('submitBook') : t('submitMove')}</SubmitButton>
    </form>
  )
}
