import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BlacklistTable, toBlacklistRows } from '~/components/blacklist-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, TextArea } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { assertSameOrigin, clientIp, readForm } from '~/utils/request.server'
import { listOnBlacklist, blacklistSchema, DomainError, liftSanction, liftSchema, listBlacklist, shanghaiDate } from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'bl.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:sanction:any')
  const { db, clock } = await getApp()
  const today = shanghaiDate(clock.now())
  return { today, rows: toBlacklistRows(await listBlacklist(db, today, { history: true })) }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: MessageKey }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'update:sanction:any')
  const { db, clock, queue } = await getApp()
  const values = formValues(await readForm(request))
  const intent = values.intent === 'lift' ? 'lift' : 'add'
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const fail = (errors: FieldErrors, formError: MessageKey = 'errors.form') => Response.json({ intent, errors, values, formError } satisfies ActionData, { status: 400 })
  try {
    if (intent === 'lift') {
      const parsed = liftSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await liftSanction(db, clock, actor, parsed.data.id, parsed.data.reason)
    } else {
      const parsed = blacklistSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await listOnBlacklist(db, clock, queue, actor, parsed.data)
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, error.field ? 'errors.form' : (error.code as MessageKey))
  }
  return { intent, errors: {}, values: {} } satisfies ActionData
}

export default function OfficeBlacklist() {
  const { rows, today } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const adding = data?.intent === 'add' && data.formError ? data : null
  const e = adding?.errors ?? {}
  const v = adding?.values ?? {}
  const lifting = data?.intent === 'lift' && data.formError ? data : null
  return (
    <div className="page">
      <h1>{t('bl.title')}</h1>
      <p className="lead">{t('bl.intro')}</p>
      {data && !data.formError ? (
        <p className="alert ok" role="status">
          {t(data.intent === 'lift' ? 'bl.lifted' : 'bl.saved')}
        </p>
      ) : null}
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{t('bl.add')}</h2>
        <p className="hint">{t('bl.addHint')}</p>
        <FormError error={adding?.formError} />
        <Form method="post" className="form" noValidate>
          <div className="grid two">
            <Field label="bl.uscc" name="uscc" required maxLength={18} autoComplete="off" className="mono" defaultValue={v.uscc} error={e.uscc} />
            <Field label="bl.decisionNo" name="decisionNo" required maxLength={100} defaultValue={v.decisionNo} error={e.decisionNo} />
          </div>
          <TextArea label="bl.reason" name="reason" required maxLength={1000} rows={3} defaultValue={v.reason} error={e.reason} />
          <div className="grid two">
            <Field label="bl.startsOn" name="startsOn" type="date" required min={today} defaultValue={v.startsOn ?? today} error={e.startsOn} />
            <Field label="bl.endsOn" name="endsOn" type="date" min={today} defaultValue={v.endsOn} error={e.endsOn} />
          </div>
          <button type="submit" name="intent" value="add" className="button" disabled={busy}>
            {t('bl.save')}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('bl.history')}</h2>
        <BlacklistTable rows={rows} lift={{ busy, error: lifting ? (lifting.errors.reason ?? lifting.formError) : undefined, failedId: lifting?.values.id }} />
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
