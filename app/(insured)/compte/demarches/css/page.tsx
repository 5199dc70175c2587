import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { CssForm } from '@/components/procedures/css-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.css'))('title') }
}

/** Complémentaire santé solidaire: household and income, the assessment with its figures before applying. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/css')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.css')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <CssForm idempotencyKey={ctx.idempotencyKey} applicantName={ctx.persons[0]!.name} />
      </div>
    </div>
  )
}
