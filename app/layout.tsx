import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { getLocale, getTranslations } from 'next-intl/server'
import { ErrorStringsProvider } from '@/components/shell/error-strings'
import { errorPageStrings } from '@/lib/i18n/error-page-strings'
import { SiteHeader } from '@/components/shell/site-header'
import { SiteFooter } from '@/components/shell/site-footer'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta')
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('description'), robots: { index: false } }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0c419a' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale()
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        {/* No NextIntlClientProvider here: the forms' messages are sent by the layouts of their folders
            (<ClientMessages area>), app/error.tsx gets its strings translated. */}
        <ErrorStringsProvider value={errorPageStrings(await getTranslations('errors.page'))}>
          <SiteHeader />
          <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
            {children}
          </main>
          <SiteFooter />
        </ErrorStringsProvider>
      </body>
    </html>
  )
}
