import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { isMessageKey, type MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'

const BY_STATUS: Record<number, [MessageKey, MessageKey]> = {
  400: ['errors.badRequestTitle', 'errors.badRequestText'],
  403: ['errors.forbiddenTitle', 'errors.forbiddenText'],
  404: ['errors.notFoundTitle', 'errors.notFoundText'],
}

/** The one error view of every route, with a message per status in the user's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, general] = BY_STATUS[status] ?? ['errors.serverTitle', 'errors.serverText']
  // A 4xx may say exactly what was wrong: { message: an i18n key } (see app/utils/request.server.ts).
  const said = isRouteErrorResponse(error) && status < 500 ? (error.data as { message?: unknown } | null)?.message : undefined
  const text = typeof said === 'string' && isMessageKey(said) ? said : general
  if (status >= 500 && typeof document !== 'undefined') console.error(error)
  return (
    <section className="page narrow error-page">
      <p className="status-code" aria-hidden="true">
        {status}
      </p>
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      <p>
        <Link to="/" className="button">
          {t('errors.backHome')}
        </Link>
      </p>
    </section>
  )
}
