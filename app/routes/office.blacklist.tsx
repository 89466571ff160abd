import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BlacklistTable, toBlacklistRows } from '~/components/blacklist-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckedForm } from '~/components/checked-form'
import { Field, TextArea } from '~/components/field'
import { blacklistForm, liftForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { listOnBlacklist, liftSanction, listBlacklist, shanghaiDate } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['bl', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'bl.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:sanction:any')
  const { db, clock } = await getApp()
  const today = shanghaiDate(clock.now())
  return { today, rows: toBlacklistRows(await listBlacklist(db, today, { history: true })) }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:sanction:any',
    intents: {
      add: intent({ form: blacklistForm, run: async ({ app, actor }, input) => void (await listOnBlacklist(app.db, app.clock, app.queue, actor, input)) }),
      lift: intent({ form: liftForm, run: async ({ app, actor }, input) => void (await liftSanction(app.db, app.clock, actor, input.id, input.reason)) }),
    },
  })

export default function OfficeBlacklist() {
  const { rows, today } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  return (
    <div className="page">
      <h1>{t('bl.title')}</h1>
      <p className="lead">{t('bl.intro')}</p>
      {data?.ok ? (
        <p className="alert ok" role="status">
          {t(data.intent === 'lift' ? 'bl.lifted' : 'bl.saved')}
        </p>
      ) : null}
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{t('bl.add')}</h2>
        <p className="hint">{t('bl.addHint')}</p>
        <CheckedForm spec={blacklistForm} id="listing" intent="add" reply={data} ownFailures>
          {(e, v) => (
            <>
              <div className="grid two">
                <Field label="bl.uscc" name="uscc" required maxLength={18} autoComplete="off" className="mono" defaultValue={v.uscc} error={e.uscc} />
                <Field label="bl.decisionNo" name="decisionNo" required maxLength={100} defaultValue={v.decisionNo} error={e.decisionNo} />
              </div>
              <TextArea label="bl.reason" name="reason" required maxLength={1000} rows={3} defaultValue={v.reason} error={e.reason} />
              <div className="grid two">
                <Field label="bl.startsOn" name="startsOn" type="date" required min={today} defaultValue={v.startsOn ?? today} error={e.startsOn} />
                <Field label="bl.endsOn" name="endsOn" type="date" min={today} defaultValue={v.endsOn} error={e.endsOn} />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {t('bl.save')}
              </button>
            </>
          )}
        </CheckedForm>
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('bl.history')}</h2>
        <BlacklistTable rows={rows} lift={{ busy, reply: data }} />
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
