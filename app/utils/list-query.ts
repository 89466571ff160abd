/** Links that carry a list's query string elsewhere: its feed and its exports. */

/** The feed follows the list's filters, never its sort or page. */
export function feedQuery(params: Record<string, string>) {
  const kept = Object.entries(params).filter(([k, v]) => v && !['sort', 'page', 'eligible'].includes(k))
  return kept.length ? `?${new URLSearchParams(kept)}` : ''
}

/** The export follows the list's filters and order, never its page. */
export function exportQuery(params: Record<string, string>, format: 'csv' | 'xlsx') {
  return `?${new URLSearchParams([...Object.entries(params).filter(([k, v]) => v && k !== 'page'), ['format', format]])}`
}
