import { Link } from '@remix-run/react'

/**
 * Newest / older for a list paged by a cursor (the last row's key), keeping its filters: the
 * outbox, the jobs, the inbox and the audit log.
 */
export function CursorPager({ label, keep, paged, next, newest, older }: { label: string; keep: Record<string, string>; paged: boolean; next: string | number | null; newest: string; older: string }) {
  return (
    <nav className="pager" aria-label={label}>
      {paged ? <Link to={`?${new URLSearchParams(keep)}`}>{newest}</Link> : <span />}
      {next !== null ? <Link to={`?${new URLSearchParams({ ...keep, before: String(next) })}`} rel="next">{older}</Link> : <span />}
    </nav>
  )
}
