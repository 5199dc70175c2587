import { getLocale, getTranslations } from 'next-intl/server'
import type { TAuthSessionDto } from '@/lib/db/repositories/auth-sessions'

/** "Chrome · Linux" from a user agent: enough to recognise one's own devices, nothing more. */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null
  return [browser, os].filter(Boolean).join(' · ') || null
}

/** The open sessions of the signed-in person (server-side sessions, issue 13 item 4); the current one is marked. */
export async function ActiveSessions({ sessions, currentId }: { sessions: TAuthSessionDto[]; currentId?: string }) {
  const t = await getTranslations('security.sessions')
  const locale = await getLocale()
  const fmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })
  return (
    <section aria-labelledby="active-sessions" className="mb-4 space-y-2">
      <h3 id="active-sessions" className="font-semibold text-ameli-900">{t('title')}</h3>
      <p className="text-sm text-slate-700">{t('lead')}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-3">{t('device')}</th>
              <th scope="col" className="py-2 pr-3">{t('signedIn')}</th>
              <th scope="col" className="py-2 pr-3">{t('lastSeen')}</th>
              <th scope="col" className="py-2">{t('address')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className="border-b border-slate-200" data-testid="active-session">
                <td className="py-2 pr-3">
                  {describeUserAgent(s.userAgent) ?? t('unknownDevice')}
                  {s.id === currentId ? <strong className="ml-2 text-ok-700">({t('current')})</strong> : null}
                </td>
                <td className="py-2 pr-3">{fmt.format(s.createdAt)}</td>
                <td className="py-2 pr-3">{fmt.format(s.lastSeenAt)}</td>
                <td className="py-2 font-mono">{s.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
