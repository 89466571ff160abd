import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/field'
import { rulesForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { loadRules, updateRules } from '~/utils/services.server'
import { fenToYuanInput } from '../../services/shared/money'
import { AVAILABLE_METHODS } from '../../services/market/methods'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['method', 'rules'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'rules.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:catalog:any')
  const { db } = await getApp()
  const rules = await loadRules(db)
  return { rules: { ...rules, threshold: fenToYuanInput(rules.directThresholdFen) } }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:catalog:any',
    intents: {
      save: intent({
        form: rulesForm,
        run: async ({ app, actor }, input) => {
          const current = await loadRules(app.db)
          const changed = await updateRules(app.db, app.clock, actor, { ...current, ...input, minAnnouncementDays: { ...current.minAnnouncementDays, ...input.minAnnouncementDays } })
          return { params: { n: changed.length } }
        },
      }),
    },
  })

export default function Rules() {
  const { rules } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('rules.title')}</h1>
      <p className="lead">{t('rules.intro')}</p>
      {data?.ok ? (
        <p className="alert ok" role="status">
          {t('rules.saved', data.params)}
        </p>
      ) : null}
      <CheckedForm spec={rulesForm} id="rules" intent="save" reply={data} ownFailures className="card form">
        {(e, sent) => {
          const v = (key: string, fallback: string | number) => sent[key] ?? String(fallback)
          return (
          <>
        <fieldset>
          <legend>{t('rules.minDays')}</legend>
          <div className="grid two">
            {AVAILABLE_METHODS.map((m) => (
              <Field key={m} label={`method.${m}`} name={`min_${m}`} type="number" min={1} max={30} required defaultValue={v(`min_${m}`, rules.minAnnouncementDays[m] ?? 1)} error={e[`min_${m}`]} />
            ))}
          </div>
        </fieldset>
        <Field label="rules.threshold" name="threshold" inputMode="decimal" required defaultValue={v('threshold', rules.threshold)} error={e.threshold} hint="rules.thresholdHint" />
        <div className="grid two">
          <Field label="rules.amendmentMinDays" name="amendmentMinDays" type="number" min={1} max={30} required defaultValue={v('amendmentMinDays', rules.amendmentMinDays)} error={e.amendmentMinDays} />
          <Field label="rules.standstillDays" name="standstillDays" type="number" min={1} max={30} required defaultValue={v('standstillDays', rules.standstillDays)} error={e.standstillDays} />
          <Field label="rules.confirmDays" name="confirmDays" type="number" min={1} max={30} required defaultValue={v('confirmDays', rules.confirmDays)} error={e.confirmDays} />
          <Field label="rules.acceptanceDays" name="acceptanceDays" type="number" min={1} max={60} required defaultValue={v('acceptanceDays', rules.acceptanceDays)} error={e.acceptanceDays} />
          <Field label="rules.evaluationDays" name="evaluationDays" type="number" min={30} max={365} required defaultValue={v('evaluationDays', rules.evaluationDays)} error={e.evaluationDays} />
          <Field label="rules.explanationDays" name="explanationDays" type="number" min={1} max={30} required defaultValue={v('explanationDays', rules.explanationDays)} error={e.explanationDays} />
        </div>
        <fieldset>
          <legend>{t('rules.selection')}</legend>
          <div className="grid two">
            <Field label="rules.minDrawBids" name="minDrawBids" type="number" min={1} max={20} required defaultValue={v('minDrawBids', rules.minDrawBids)} error={e.minDrawBids} hint="rules.minDrawBidsHint" />
            <Field label="rules.abnormallyLowPercent" name="abnormallyLowPercent" type="number" min={1} max={90} required defaultValue={v('abnormallyLowPercent', rules.abnormallyLowPercent)} error={e.abnormallyLowPercent} hint="rules.abnormallyLowHint" />
            <Field label="rules.minPriceWeight" name="minPriceWeight" type="number" min={0} max={100} required defaultValue={v('minPriceWeight', rules.minPriceWeight)} error={e.minPriceWeight} hint="rules.minPriceWeightHint" />
            <Field label="rules.auctionTurnSeconds" name="auctionTurnSeconds" type="number" min={30} max={900} required defaultValue={v('auctionTurnSeconds', rules.auctionTurnSeconds)} error={e.auctionTurnSeconds} />
            <Field label="rules.auctionStartTime" name="auctionStartTime" type="time" required defaultValue={v('auctionStartTime', rules.auctionStartTime)} error={e.auctionStartTime} hint="rules.auctionStartHint" />
          </div>
        </fieldset>
        <Field label="rules.deadlineTime" name="deadlineTime" type="time" required defaultValue={v('deadlineTime', rules.deadlineTime)} error={e.deadlineTime} />
        <button type="submit" className="button" disabled={busy}>
          {t('rules.save')}
        </button>
          </>
          )
        }}
      </CheckedForm>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
