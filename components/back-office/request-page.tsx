import type { ReactNode } from 'react'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { History } from '@/components/back-office/history'
import { Card } from '@/components/ui/card'
import type { TEventDto } from '@/lib/db/repositories/back-office'

/** The top of a back-office request page: the link back to the queue, the title, the reference and the status. */
export function RequestHeader({ backHref, backLabel, title, lead, status, statusTestId }: { backHref: string; backLabel: string; title: ReactNode; lead: ReactNode; status: string; statusTestId?: string }) {
  return (
    <>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{title}</h1>
        <p className="text-slate-700">
          {lead} · <strong data-testid={statusTestId}>{status}</strong>
        </p>
      </div>
    </>
  )
}

/** The history card and the actions card of a procedure or card order page (the actions laid out two by two). */
export async function HistoryAndActions({ events, noAction, children }: { events: TEventDto[]; noAction: boolean; children: ReactNode }) {
  const t = await getTranslations('backoffice')
  return (
    <>
      <Card title={t('detail.history')}>
        <History events={events} />
      </Card>
      <Card title={t('detail.actions')}>
        {noAction ? <p>{t('detail.noAction')}</p> : null}
        <div className="grid gap-6 lg:grid-cols-2">{children}</div>
      </Card>
    </>
  )
}
