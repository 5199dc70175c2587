import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { reassignProcedureAction } from '@/app/actions/back-office'
import { ActionForm } from '@/components/back-office/action-form'
import { Card } from '@/components/ui/card'

/** One action of a request page: a section named by its h3 (ids such as "a-reject" are used by the e2e tests). */
export function ActionSection({ id, title, className = '', children }: { id: string; title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={`space-y-2 ${className}`.trim()}>
      <h3 id={id} className="font-semibold text-ameli-900">
        {title}
      </h3>
      {children}
    </section>
  )
}

/** The supervisor's card that hands a procedure to another advisor of the caisse. */
export async function ReassignCard({ procedureId, advisors }: { procedureId: string; advisors: { id: string; displayName: string }[] }) {
  const t = await getTranslations('backoffice')
  return (
    <Card title={t('detail.reassign')}>
      <ActionForm
        id="form-reassign"
        action={reassignProcedureAction}
        hidden={{ procedureId }}
        fields={[{ kind: 'select', name: 'assigneeId', label: t('detail.assignee'), options: [{ value: '', label: '—' }, ...advisors.map((a) => ({ value: a.id, label: a.displayName }))] }]}
        submitLabel={t('detail.reassignSubmit')}
        variant="secondary"
      />
    </Card>
  )
}
