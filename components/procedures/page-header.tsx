import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { BackLink } from '@/components/ui/back-link'

/** Title of a procedure page, with the way back to "Mes démarches". */
export async function ProcedurePageHeader({ title, lead, back = true }: { title: string; lead?: ReactNode; back?: boolean }) {
  const t = await getTranslations('procedurePages.common')
  return (
    <div className="max-w-3xl space-y-2">
      {back ? (
        <BackLink href="/compte/demarches" label={t('back')} />
      ) : null}
      <h1 className="text-3xl font-bold text-ameli-900">{title}</h1>
      {lead ? <p className="text-lg text-slate-700">{lead}</p> : null}
    </div>
  )
}
