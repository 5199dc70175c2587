import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { maskIban } from '@/lib/domain/iban'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { BankChangeForm } from '@/components/procedures/situation-forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.bank'))('title') }
}

/** New bank details (IBAN checked); the old ones stay until processed. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/coordonnees-bancaires')
  const ctx = await procedureFormContext(user.insuredId)
  const t = await getTranslations('procedurePages.bank')
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <BankChangeForm idempotencyKey={ctx.idempotencyKey} currentMasked={ctx.facts.iban ? maskIban(ctx.facts.iban) : null} />
      </div>
    </div>
  )
}
