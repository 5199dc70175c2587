'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import { declareCardLossAction, orderVitaleAction, type TCardLossResult, type TVitaleOrderResult } from '@/app/actions/procedures'
import { fmtDate } from '@/components/format'
import { Alert } from '@/components/ui/alert'
import type { TAddressView, TPersonOption } from '@/lib/forms/insured-context'
import { AddressBlock } from './address-block'
import { FileUpload, keptUpload } from './file-upload'
import { Checkbox, ChoiceGroup, ErrorSummary, Facts, Section, SubmitButton, SuccessPanel } from './form-kit'
import { initialFormState, type TFormState } from './form-state'

/** The photo, the identity document and the address confirmation of a Vitale order (new card or replacement). */
function VitaleFiles({ state, address, name }: { state: TFormState<unknown>; address: TAddressView; name: string }) {
  const t = useTranslations('procedurePages.vitale')
  const v = state.values
  return (
    <>
      <Section legend={t('addressLegend')} description={t('addressText')}>
        <AddressBlock address={address} name={name} />
        <p className="text-sm text-slate-700">
          {t('addressWrong')}{' '}
          <Link href="/compte/demarches/adresse" className="font-semibold">
            {t('addressChangeLink')}
          </Link>
        </p>
        <Checkbox name="addressConfirmed" label={t('addressConfirm')} error={state.errors.addressConfirmed} defaultChecked={v.addressConfirmed === 'yes'} />
      </Section>
      <Section legend={t('filesLegend')} description={t('filesText')}>
        <FileUpload
          name="photo"
          kind="photo"
          label={t('photoLabel')}
          hint={t('photoHint')}
          accept="image/jpeg,image/png"
          {...keptUpload(state, 'photo')}
        />
        <FileUpload
          name="identity"
          kind="identity"
          label={t('identityLabel')}
          hint={t('identityHint')}
          accept="image/jpeg,image/png,application/pdf"
          {...keptUpload(state, 'identity')}
        />
      </Section>
    </>
  )
}

export function VitaleOrderForm({
  persons,
  address,
  idempotencyKey,
  preselected,
  notes = {},
}: {
  persons: TPersonOption[]
  address: TAddressView
  idempotencyKey: string
  preselected?: string
  /** Per person (choice value): why a card cannot be ordered today, or how it would be issued (issue 17 item 1). */
  notes?: Record<string, string>
}) {
  const t = useTranslations('procedurePages.vitale')
  const tc = useTranslations('procedurePages.common')
  const locale = useLocale()
  const { state, form } = useKeptForm(orderVitaleAction, initialFormState<TVitaleOrderResult>())
  if (state.status === 'success' && state.result) {
    const r = state.result
    return (
      <SuccessPanel title={t('successTitle')}>
        <Facts
          items={[
            { label: tc('reference'), value: r.reference, testId: 'reference' },
            { label: t('estimatedDelivery'), value: fmtDate(r.estimatedDelivery, locale), testId: 'estimated-date' },
          ]}
        />
        <p>{t('successText')}</p>
        <p>
          <Link href="/compte/demarches" className="font-semibold">
            {tc('follow')}
          </Link>
        </p>
      </SuccessPanel>
    )
  }
  const v = state.values
  const selected = v.person ?? preselected ?? 'self'
  const owner = persons.find((p) => p.self)
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['person', 'addressConfirmed', 'photo', 'identity']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('personLegend')}>
        <ChoiceGroup
          name="person"
          type="radio"
          legend={t('personQuestion')}
          hint={t('personHint')}
          error={state.errors.person}
          choices={persons.map((p) => ({
            value: p.value,
            label: p.self ? t('self', { name: p.name }) : p.name,
            description: [tc('bornOn', { date: fmtDate(p.birthDate, locale) }), notes[p.value]].filter(Boolean).join(' · '),
          }))}
          checked={(value) => value === selected}
        />
      </Section>
      <VitaleFiles state={state} address={address} name={owner?.name ?? ''} />
      <p className="text-sm text-slate-700">{t('deliveryNote')}</p>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

export type TCardView = { id: string; label: string; serialNumber: string; issuedOn: string }

/**
 * The loss declaration. It also says when there is no active card: after a declaration the page is rendered again
 * without the blocked card, and this component (same place, same state) keeps showing the confirmation.
 */
export function CardLossForm({ cards, address, idempotencyKey, ownerName }: { cards: TCardView[]; address: TAddressView; idempotencyKey: string; ownerName: string }) {
  const t = useTranslations('procedurePages.loss')
  const tc = useTranslations('procedurePages.common')
  const locale = useLocale()
  const { state, form } = useKeptForm(declareCardLossAction, initialFormState<TCardLossResult>())
  if (state.status === 'success' && state.result) {
    const r = state.result
    return (
      <SuccessPanel title={t('successTitle')}>
        <p>{t('blockedText')}</p>
        <Facts items={[{ label: tc('reference'), value: r.reference, testId: 'reference' }]} />
        {r.order ? (
          <>
            <p className="font-semibold">{t('reorderedTitle')}</p>
            <Facts
              items={[
                { label: t('orderReference'), value: r.order.reference, testId: 'order-reference' },
                { label: t('estimatedDelivery'), value: fmtDate(r.order.estimatedDelivery, locale), testId: 'estimated-date' },
              ]}
            />
          </>
        ) : r.reorderOpensOn ? (
          <p data-testid="reorder-opens-on">{t('waitText', { date: fmtDate(r.reorderOpensOn, locale) })}</p>
        ) : null}
        <p>{t('meanwhile')}</p>
        <p>
          <Link href="/compte/demarches" className="font-semibold">
            {tc('follow')}
          </Link>
        </p>
      </SuccessPanel>
    )
  }
  if (cards.length === 0) {
    return (
      <Alert tone="info" title={t('noCardTitle')}>
        <p>{t('noCardText')}</p>
        <p className="mt-2">
          <Link href="/compte/demarches/carte-vitale" className="font-semibold">
            {t('orderLink')}
          </Link>
        </p>
      </Alert>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['cardId', 'reason', 'reorderNow', 'addressConfirmed', 'photo', 'identity']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('cardLegend')}>
        <ChoiceGroup
          name="cardId"
          type="radio"
          legend={t('cardQuestion')}
          error={state.errors.cardId}
          choices={cards.map((c) => ({ value: c.id, label: c.label, description: t('cardDescription', { serial: c.serialNumber, date: fmtDate(c.issuedOn, locale) }) }))}
          checked={(value) => value === (v.cardId ?? (cards.length === 1 ? cards[0]!.id : ''))}
        />
        <ChoiceGroup
          name="reason"
          type="radio"
          legend={t('reasonQuestion')}
          error={state.errors.reason}
          choices={(['lost', 'stolen', 'broken'] as const).map((r) => ({ value: r, label: t(`reasons.${r}`), description: t(`reasonHints.${r}`) }))}
          checked={(value) => value === v.reason}
        />
      </Section>
      <Section legend={t('reorderLegend')} description={t('reorderText')}>
        <ChoiceGroup
          name="reorderNow"
          type="radio"
          legend={t('reorderQuestion')}
          error={state.errors.reorderNow}
          choices={[
            { value: 'yes', label: t('reorderYes'), description: t('reorderYesHint') },
            { value: 'no', label: t('reorderNo'), description: t('reorderNoHint') },
          ]}
          checked={(value) => value === (v.reorderNow ?? 'yes')}
        />
      </Section>
      <div className="space-y-6 rounded-lg border-l-4 border-ameli-100 pl-3">
        <p className="text-sm text-slate-700">{t('filesOnlyIfReorder')}</p>
        <VitaleFiles state={state} address={address} name={ownerName} />
      </div>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
