import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import ErrorPage from '@/app/error'
import { ErrorStringsProvider } from '@/components/shell/error-strings'
import { errorPageStrings } from '@/lib/i18n/error-page-strings'
import { translatorFor } from '@/lib/i18n/translator'

function render(locale: 'fr' | 'en', digest?: string): string {
  const error = Object.assign(new Error('boom'), digest ? { digest } : {})
  const value = errorPageStrings(translatorFor(locale, 'errors.page'))
  return renderToStaticMarkup(createElement(ErrorStringsProvider, { value }, createElement(ErrorPage, { error, reset: () => {} })))
}

describe('error screen (app/error.tsx, strings translated by the root layout)', () => {
  it('shows the translated message, the incident reference around the digest, retry and home', () => {
    const html = render('fr', '1234567890')
    expect(html).toContain('Un problème est survenu')
    expect(html).toContain('Référence de l&#x27;incident : 1234567890')
    expect(html).toContain('Réessayer')
    expect(html).toContain('Retour à l&#x27;accueil')
    expect(html).not.toContain('boom')
  })

  it('in English too, and no reference line without a digest', () => {
    const en = render('en', 'abc')
    expect(en).toContain('abc')
    expect(en).not.toContain('Réessayer')
    expect(render('fr')).not.toContain('Référence')
  })

  it('splits the reference exactly around the digest', () => {
    expect(errorPageStrings((key, values) => (key === 'reference' ? `Ref. ${values?.digest} (keep it)` : key))).toMatchObject({ referenceBefore: 'Ref. ', referenceAfter: ' (keep it)' })
  })
})
