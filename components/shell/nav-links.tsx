'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

/** `badge`: a count shown after the label (e.g. unread messages), `badgeLabel` what a screen reader hears for it. */
export type TNavItem = { href: string; label: string; badge?: number; badgeLabel?: string }

function isActive(pathname: string, href: string, index: number): boolean {
  return index === 0 ? pathname === href : pathname === href || pathname.startsWith(`${href}/`)
}

function NavList({ items, pathname, listClass, linkClass }: { items: TNavItem[]; pathname: string; listClass: string; linkClass: (active: boolean) => string }) {
  return (
    <ul className={listClass}>
      {items.map((item, index) => {
        const active = isActive(pathname, item.href, index)
        return (
          <li key={item.href}>
            <Link href={item.href} aria-current={active ? 'page' : undefined} className={linkClass(active)}>
              {item.label}
              {item.badge ? (
                <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-white px-1.5 text-xs font-bold text-ameli-800" data-testid="nav-badge">
                  <span aria-hidden="true">{item.badge}</span>
                  <span className="sr-only">{item.badgeLabel ?? item.badge}</span>
                </span>
              ) : null}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}

/**
 * Section navigation; the current section carries aria-current="page".
 * Wide screens: a row of tabs. Phones: a "Menu" disclosure (a native <details>, so it works without JavaScript).
 */
export function NavLinks({ items, label, menuLabel }: { items: TNavItem[]; label: string; menuLabel: string }) {
  const pathname = usePathname()
  const current = items.find((item, index) => isActive(pathname, item.href, index))
  return (
    <>
      <nav aria-label={label} className="hidden md:block">
        <NavList
          items={items}
          pathname={pathname}
          listClass="flex flex-wrap gap-1"
          linkClass={(active) =>
            `block whitespace-nowrap border-b-4 px-3 py-3 text-sm font-medium text-white no-underline hover:no-underline ${active ? 'border-sky-accent' : 'border-transparent hover:border-ameli-100/60'}`
          }
        />
      </nav>
      <details className="group pb-3 md:hidden" key={pathname}>
        <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between rounded-md border border-white/50 px-3 text-sm font-semibold text-white">
          <span>
            {menuLabel}
            {current ? <span className="font-normal text-ameli-100"> · {current.label}</span> : null}
          </span>
          <span aria-hidden="true" className="transition-transform group-open:rotate-180">▾</span>
        </summary>
        <nav aria-label={label} className="mt-2">
          <NavList
            items={items}
            pathname={pathname}
            listClass="divide-y divide-white/20 rounded-md bg-ameli-800"
            linkClass={(active) => `block px-4 py-3 text-sm text-white no-underline hover:no-underline ${active ? 'border-l-4 border-sky-accent font-semibold' : ''}`}
          />
        </nav>
      </details>
    </>
  )
}
