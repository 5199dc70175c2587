import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { findOwnBeneficiary } from '@/lib/db/repositories/insured'
import { Card } from '@/components/ui/card'
import { fmtDate, fmtNir } from '@/components/format'

const ZParams = z.object({ id: z.string().min(1).max(64) })

/** One beneficiary of the signed-in person; someone else's beneficiary is "not found" (no hint that it exists). */
export default async function BeneficiaryPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ZParams.safeParse(await params)
  const user = await requireInsured('/compte')
  if (!parsed.success) notFound()
  const beneficiary = await findOwnBeneficiary(getDb(), user.insuredId, parsed.data.id)
  if (!beneficiary) notFound()
  const t = await getTranslations('insured')
  const tn = await getTranslations('nav')
  const locale = await getLocale()
  return (
    <div className="space-y-4">
      <p><Link href="/compte">← {tn('home')}</Link></p>
      <h1 className="text-2xl font-bold text-ameli-900">{beneficiary.firstNames} {beneficiary.lastName}</h1>
      <Card>
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t('rank', { rank: beneficiary.rank })}</dt>
          <dd>{t('bornOn', { date: fmtDate(beneficiary.birthDate, locale) })}</dd>
          {beneficiary.ownNir ? (
            <>
              <dt className="font-semibold">{t('nir')}</dt>
              <dd className="font-mono">{fmtNir(beneficiary.ownNir)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
    </div>
  )
}
