import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useEffect, useRef } from 'react'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { Layout as Frame } from './components/layout'
import { DEFAULT_LOCALE, translator } from './i18n'
import { MESSAGES_VERSION } from './i18n/messages.server'
import { PageMessages, usePageMessages } from './i18n/page-messages'
import styles from './styles/app.css'
import { getSession, permissionList } from './utils/auth.server'
import { getLocale } from './utils/i18n.server'
import type { RootData } from './utils/i18n'
import { getApp } from './utils/app.server'
import { loadUnread } from './utils/dashboard.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ data }) => [{ title: translator((data as RootData | undefined)?.locale ?? DEFAULT_LOCALE)('app.fullName') }]

export async function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const session = await getSession(request)
  const locale = getLocale(request)
  const unread = session ? await loadUnread((await getApp()).db, session) : 0
  return {
    locale,
    messagesVersion: MESSAGES_VERSION,
    user: session
      ? {
          displayName: session.user.displayName,
          email: session.user.email,
          role: session.user.role,
          orgKind: session.org.kind,
          orgName: locale === 'en' ? session.org.nameEn : session.org.nameZh,
          unread,
        }
      : null,
    permissions: permissionList(session),
  }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined
  const locale = data?.locale ?? DEFAULT_LOCALE
  // First, before any word of the page is asked for (the title in <Meta> too).
  const namespaces = usePageMessages(locale, data?.messagesVersion ?? '')
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <PageMessages locale={locale} namespaces={namespaces} />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  // Marks the page interactive, so browser tests know when client-side handlers are attached.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  // Counts the times the page came to rest (no navigation or submission under way, its reload
  // included) after rendering its new data, so browser tests can wait for a post's reloaded page.
  const idle = useNavigation().state === 'idle'
  const settled = useRef(0)
  useEffect(() => {
    if (idle) document.documentElement.dataset.settled = String(++settled.current)
  }, [idle])
  return (
    <Frame>
      <Outlet />
    </Frame>
  )
}

export function ErrorBoundary() {
  return (
    <Frame>
      <GeneralErrorBoundary />
    </Frame>
  )
}
