import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

export async function SiteFooter() {
  const t = await getTranslations('shell')
  const tn = await getTranslations('nav')
  const ta = await getTranslations('activation.nav')
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-8 text-sm text-slate-700 md:grid-cols-2">
        <nav aria-label={t('footerNav')}>
          <ul className="space-y-2">
            <li><Link href="/simulateur">{tn('simulator')}</Link></li>
            <li><Link href="/regles">{tn('rules')}</Link></li>
            <li><Link href="/trouver-ma-cpam">{tn('findCpam')}</Link></li>
            <li><Link href="/verifier-attestation">{tn('checkAttestation')}</Link></li>
            <li><Link href="/affiliation">{tn('affiliation')}</Link></li>
            <li><Link href="/activer-mon-compte">{ta('activate')}</Link></li>
          </ul>
        </nav>
        <div className="space-y-2">
          <p>{t('footerPhone')}</p>
          <p>{t('footerSimulator')}</p>
        </div>
      </div>
    </footer>
  )
}
