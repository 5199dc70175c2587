import { getTranslations } from 'next-intl/server'

/** A section that exists in the navigation and says what it will offer. */
export async function ComingSoon({ title, description }: { title: string; description: string }) {
  const t = await getTranslations('insured')
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-ameli-900">{title}</h1>
      <section aria-labelledby="coming-soon" className="rounded-lg border border-dashed border-ameli-600 bg-white p-6">
        <h2 id="coming-soon" className="mb-2 text-lg font-semibold text-ameli-800">{t('comingTitle')}</h2>
        <p>{t('comingText')} {description}</p>
      </section>
    </div>
  )
}
