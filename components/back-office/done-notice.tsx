/**
 * The confirmation of the step just taken, shown at the top of the page it reloaded (issue 17 §6): a polite status
 * message, so that a screen reader announces it and a sighted advisor sees it without scrolling.
 */
export function DoneNotice({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p role="status" data-testid="done-notice" className="rounded-md border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold text-ok-700">
      {message}
    </p>
  )
}
