import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CursorPager } from '~/components/cursor-pager'
import { Inbox } from '~/components/inbox'
import { getApp } from '~/utils/app.server'
import { requireSession } from '~/utils/auth.server'
import { loadInbox, loadUnread } from '~/utils/dashboard.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { readAllMessages } from '~/utils/services.server'
import { readForm } from '~/utils/request.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['inbox', 'notify', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'inbox.title')

const PAGE = 20

/** Every message of the signed-in user, newest first, a page at a time; all can be marked read at once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const { db } = await getApp()
  const before = new URL(request.url).searchParams.get('before') ?? undefined
  const [rows, unread] = await Promise.all([loadInbox(db, session, PAGE + 1, before), loadUnread(db, session)])
  const page = rows.slice(0, PAGE)
  return { items: page, unread, paged: !!before, next: rows.length > PAGE ? page.at(-1)!.cursor : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request)
  const form = await readForm(request)
  if (form.get('intent') !== 'readAll') throw new Response('Bad request', { status: 400 })
  const app = await getApp()
  await readAllMessages(app.db, app.clock, { id: session.user.id, orgId: session.org.id })
  return { ok: true }
}

export default function InboxPage() {
  const { items, unread, paged, next } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('inbox.title')}</h1>
      {unread ? (
        <Form method="post">
          <button type="submit" name="intent" value="readAll" className="button secondary">
            {t('inbox.readAll')}
          </button>
        </Form>
      ) : null}
      <Inbox items={items} unread={unread} all={false} />
      <CursorPager label={t('inbox.pages')} keep={{}} paged={paged} next={next} newest={t('inbox.newest')} older={t('inbox.older')} />
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
