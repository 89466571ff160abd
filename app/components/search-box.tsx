import { Form } from '@remix-run/react'
import { useT } from '~/utils/i18n'

/** One box that searches announcements, results and agencies together (/search). */
export function SearchBox({ id, q = '' }: { id: string; q?: string }) {
  const t = useT()
  return (
    <Form method="get" action="/search" role="search" className="search-box" aria-label={t('search.label')}>
      <label htmlFor={id} className="sr-only">
        {t('search.label')}
      </label>
      <input id={id} name="q" type="search" maxLength={40} defaultValue={q} placeholder={t('search.placeholder')} />
      <button type="submit" className="button">
        {t('search.go')}
      </button>
    </Form>
  )
}
