'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

export type TNavItem = { href: string; label: string }

/** Section navigation; the current section carries aria-current="page". */
export function NavLinks({ items, label, exactFirst = true }: { items: TNavItem[]; label: string; exactFirst?: boolean }) {
  const pathname = usePathname()
  return (
    <nav aria-label={label} className="overflow-x-auto">
      <ul className="flex min-w-max gap-1 md:flex-wrap md:min-w-0">
        {items.map((item, index) => {
          const active = index === 0 && exactFirst ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`)
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`block whitespace-nowrap rounded-t-md border-b-4 px-3 py-3 text-sm font-medium no-underline hover:no-underline ${
                  active ? 'border-sky-accent text-white' : 'border-transparent text-ameli-100 hover:border-ameli-100/60 hover:text-white'
                }`}
              >
                {item.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
