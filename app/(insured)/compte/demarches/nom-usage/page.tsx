import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { NameChangeForm } from '@/components/procedures/situation-forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.name'))('title') }
}

/** Change of usual name, with a supporting document. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/nom-usage')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.name')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <NameChangeForm idempotencyKey={ctx.idempotencyKey} />
      </div>
    </div>
  )
}
