/**
 * The simulator's own mark (issue 17 §4; not the official ameli logo): a shield with a cross, and an "=" badge for
 * the calculation. Decorative: the link around it carries the name. Same drawing as app/icon.svg, without its tile.
 */
export function LogoMark({ className = 'h-9 w-9' }: { className?: string }) {
  return (
    <svg viewBox="8 6 50 54" className={className} aria-hidden="true" focusable="false" data-testid="site-logo">
      <path d="M32 8 L52 15 V31 C52 44 43.5 52.5 32 57 C20.5 52.5 12 44 12 31 V15 Z" fill="#ffffff" />
      <path d="M27.5 19 H36.5 V27.5 H45 V36.5 H36.5 V45 H27.5 V36.5 H19 V27.5 H27.5 Z" fill="#00a1e0" />
      <circle cx="47" cy="48" r="9" fill="#f59e0b" stroke="#0c419a" strokeWidth="3" />
      <path d="M43 45.5 h8 M43 50.5 h8" stroke="#0c419a" strokeWidth="2.6" strokeLinecap="round" fill="none" />
    </svg>
  )
}
