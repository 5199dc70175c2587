import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { buttonClass } from '@/components/ui/button'

/** Previous / "page x of y" / next links under a back-office list; nothing when everything fits on one page. */
export async function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null
  const t = await getTranslations('backoffice')
  return (
    <nav aria-label={t('pagination')} className="flex items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClass('secondary')}>
          {t('previous')}
        </Link>
      ) : null}
      <span>{t('pageOf', { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className={buttonClass('secondary')}>
          {t('next')}
        </Link>
      ) : null}
    </nav>
  )
}
