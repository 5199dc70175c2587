import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getCurrentUser, mustSetPassword } from '@/lib/auth/session'
import { signOutAction } from '@/app/actions/session'
import { unreadMessageCount } from '@/lib/services/messaging/read-thread'
import { LanguageSwitch } from './language-switch'
import { LogoMark } from './logo-mark'
import { NavLinks, type TNavItem } from './nav-links'

/** Header of every page: notice, brand, language switch, account menu and the navigation of the user's space. */
export async function SiteHeader() {
  const t = await getTranslations('shell')
  const tn = await getTranslations('nav')
  const user = await getCurrentUser()

  let items: TNavItem[] = []
  if (user && mustSetPassword(user)) {
    // Signed in with a temporary code: nothing to navigate to until a password is chosen (every page sends back).
    items = []
  } else if (user?.role === 'insured') {
    const unread = await unreadMessageCount(user)
    const tm = await getTranslations('messaging')
    items = [
      { href: '/compte', label: tn('home') },
      { href: '/compte/paiements', label: tn('payments') },
      { href: '/compte/documents', label: tn('documents') },
      { href: '/compte/demarches', label: tn('procedures') },
      { href: '/compte/agenda', label: tn('agenda') },
      { href: '/compte/messagerie', label: tn('messages'), badge: unread, badgeLabel: `(${tm('unreadNav', { count: unread })})` },
      { href: '/compte/profil', label: tn('profile') },
    ]
  } else if (user) {
    items = [
      { href: '/conseiller', label: tn('advisorQueue') },
      { href: '/conseiller/assures', label: tn('advisorInsured') },
      { href: '/conseiller/agenda', label: tn('advisorAgenda') },
      { href: '/conseiller/messages', label: tn('advisorMessages') },
      ...(user.role === 'supervisor'
        ? [
            { href: '/conseiller/audit', label: tn('advisorAudit') },
            { href: '/conseiller/tarifs', label: tn('advisorTariffs') },
            { href: '/conseiller/taches', label: tn('advisorJobs') },
            { href: '/conseiller/applications', label: tn('advisorApps') },
          ]
        : []),
    ]
  } else {
    items = [
      { href: '/', label: tn('home') },
      { href: '/simulateur', label: tn('simulator') },
      { href: '/trouver-ma-cpam', label: tn('findCpam') },
      { href: '/verifier-attestation', label: tn('checkAttestation') },
    ]
  }

  return (
    <header>
      <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
        {t('skipToContent')}
      </a>
      <p className="bg-warn-50 px-4 py-2 text-center text-xs text-warn-800 sm:text-sm" data-testid="simulator-notice">
        {t('simulatorNotice')}
      </p>
      <div className="bg-ameli-700 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href={user?.role === 'insured' ? '/compte' : user ? '/conseiller' : '/'} className="flex items-center gap-2 text-white no-underline hover:no-underline">
            <LogoMark />
            <span className="text-2xl font-bold tracking-tight">{t('brand')}</span>
            <span className="text-sm text-ameli-100">{user && user.role !== 'insured' ? t('advisorSpace') : t('brandTagline')}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <LanguageSwitch />
            {user ? (
              <>
                <span className="hidden text-sm text-ameli-100 sm:inline">{t('signedInAs', { name: user.displayName })}</span>
                <form action={signOutAction}>
                  <button type="submit" className="min-h-11 rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-ameli-800 hover:bg-ameli-50">
                    {t('signOut')}
                  </button>
                </form>
              </>
            ) : (
              <Link href="/connexion" className="inline-flex min-h-11 items-center rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-ameli-800 no-underline hover:bg-ameli-50 hover:no-underline">
                {t('signIn')}
              </Link>
            )}
          </div>
        </div>
        {items.length > 0 ? (
          <div className="mx-auto max-w-6xl px-4 md:px-2">
            <NavLinks items={items} label={t('mainNav')} menuLabel={t('menu')} />
          </div>
        ) : null}
      </div>
    </header>
  )
}
