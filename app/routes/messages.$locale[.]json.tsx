import type { LoaderFunctionArgs } from '@remix-run/node'
import { isLocale, messagesOf, namespaceOf } from '~/i18n'
import { messages, MESSAGES_VERSION } from '~/i18n/messages.server'

const NAMESPACES = new Set(Object.keys(messages['zh-CN']).map(namespaceOf))

/**
 * Some namespaces of one dictionary, for a page the browser moves to (app/i18n/page-messages.tsx):
 * `/messages/en.json?ns=bid,proc&v=<version>`. Under the current version the answer is cached
 * for good; under another it is the current words, not to be kept.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  const locale = params.locale
  if (!isLocale(locale)) throw new Response('Not Found', { status: 404 })
  const url = new URL(request.url)
  const wanted = (url.searchParams.get('ns') ?? '').split(',').filter((ns) => NAMESPACES.has(ns))
  const current = url.searchParams.get('v') === MESSAGES_VERSION
  return Response.json(messagesOf(locale, wanted), { headers: { 'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache' } })
}
