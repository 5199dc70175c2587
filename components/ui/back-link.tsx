import Link from 'next/link'

/** "← Back to …" above a page title; the arrow is decoration, the link is named by its label only. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p className="text-sm">
      <Link href={href} className="font-semibold">
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  )
}
