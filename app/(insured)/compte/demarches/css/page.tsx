import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { procedureFormContext } from '@/lib/forms/insured-context'
import { getCssApplicationState } from '@/lib/services/procedures/apply-for-css'
import type { TCssApplicationBlock } from '@/lib/domain/css/renewal'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { CssForm } from '@/components/procedures/css-form'
import { fmtDate } from '@/components/format'

const RENEWAL_PAGE = 'https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante/renouvellement-de-la-complementaire-sante-solidaire'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.css'))('title') }
}

/** Why there is no form (issue 17 §3): an application in progress to follow, or a CSS running beyond its renewal window. */
async function Blocked({ block }: { block: TCssApplicationBlock }) {
  const t = await getTranslations('procedurePages')
  const ts = await getTranslations('situations')
  const locale = await getLocale()
  if (block.kind === 'application-running') {
    return (
      <section aria-labelledby="css-blocked" className="rounded-lg border-l-4 border-ameli-600 bg-ameli-50 p-5 text-ameli-900" data-testid="css-blocked">
        <h2 id="css-blocked" className="text-lg font-semibold">{t('css.blocked.runningTitle')}</h2>
        <p className="mt-2">{t('css.blocked.runningText', { reference: block.reference, status: t.has(`status.${block.status}`) ? t(`status.${block.status}` as 'status.submitted') : block.status })}</p>
        <p className="mt-3"><Link href="/compte/demarches" className="font-semibold">{t('css.blocked.follow')}</Link></p>
      </section>
    )
  }
  const level = block.level === 'free' || block.level === 'participation' ? ts(`levels.${block.level}`) : ''
  return (
    <section aria-labelledby="css-blocked" className="rounded-lg border-l-4 border-ameli-600 bg-ameli-50 p-5 text-ameli-900" data-testid="css-blocked">
      <h2 id="css-blocked" className="text-lg font-semibold">{t('css.blocked.coveredTitle')}</h2>
      <p className="mt-2">
        {block.to
          ? t('css.blocked.coveredText', { level, from: fmtDate(block.from, locale), to: fmtDate(block.to, locale) })
          : t('css.blocked.coveredOpenEnded', { level, from: fmtDate(block.from, locale) })}
      </p>
      {block.renewalFrom ? <p className="mt-2">{t('css.blocked.renewal', { date: fmtDate(block.renewalFrom, locale), months: block.renewalMonths })}</p> : null}
      <p className="mt-3"><a href={RENEWAL_PAGE} className="font-semibold" target="_blank" rel="noreferrer">{t('css.blocked.renewalLink')}</a></p>
    </section>
  )
}

/** Complémentaire santé solidaire: household and income, the assessment with its figures before applying. */
export default async function Page() {
  const user = await requireInsured('/compte/demarches/css')
  const [ctx, { block, renewalOf }] = await Promise.all([procedureFormContext(user.insuredId), getCssApplicationState({ actor: user, now: new Date() })])
  const t = await getTranslations('procedurePages.css')
  const locale = await getLocale()
  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      <div className="max-w-3xl">
        <div className="space-y-4">
          {renewalOf ? <p className="rounded-md border-l-4 border-ameli-600 bg-ameli-50 p-4 text-sm text-ameli-900" data-testid="css-renewal">{t('blocked.renewalNow', { to: fmtDate(renewalOf, locale) })}</p> : null}
          <CssForm idempotencyKey={ctx.idempotencyKey} applicantName={ctx.persons[0]!.name} blocked={block ? <Blocked block={block} /> : undefined} />
        </div>
      </div>
    </div>
  )
}
