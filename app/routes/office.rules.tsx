import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { assertSameOrigin, clientIp, readForm } from '~/utils/request.server'
import { loadRules, updateRules } from '~/utils/services.server'
import { amountProblem, parseYuan, fenToYuanInput } from '../../services/shared/money'
import { AVAILABLE_METHODS } from '../../services/selection/methods/names'

export const meta: MetaFunction = ({ matches }) => title(matches, 'rules.title')

// Each period says its own limit when it is out of range.
const days = (max: 30 | 60) => {
  const message = max === 30 ? 'errors.days30' : 'errors.days60'
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message)
}
const formSchema = z.object({
  ...Object.fromEntries(AVAILABLE_METHODS.map((m) => [`min_${m}`, days(30)])),
  threshold: z.string().transform((v, ctx) => {
    const problem = amountProblem(v, { allowZero: true })
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
    return parseYuan(v) ?? 0
  }),
  amendmentMinDays: days(30),
  standstillDays: days(30),
  confirmDays: days(30),
  acceptanceDays: days(60),
  minDrawBids: z.coerce.number({ error: 'errors.count' }).int('errors.count').min(1, 'errors.count').max(20, 'errors.count'),
  abnormallyLowPercent: z.coerce.number({ error: 'errors.percent' }).int('errors.percent').min(1, 'errors.percent').max(90, 'errors.percent'),
  explanationDays: days(30),
  auctionTurnSeconds: z.coerce.number({ error: 'errors.turnSeconds' }).int('errors.turnSeconds').min(30, 'errors.turnSeconds').max(900, 'errors.turnSeconds'),
  auctionStartTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time'),
  deadlineTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.time'),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:catalog:any')
  const { db } = await getApp()
  const rules = await loadRules(db)
  return { rules: { ...rules, threshold: fenToYuanInput(rules.directThresholdFen) } }
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; formError?: MessageKey; changed?: number }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'update:catalog:any')
  const { db, clock } = await getApp()
  const values = formValues(await readForm(request))
  const parsed = formSchema.safeParse(values)
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), values, formError: 'errors.form' } satisfies ActionData, { status: 400 })
  const current = await loadRules(db)
  const data = parsed.data as Record<string, number | string>
  const changed = await updateRules(db, clock, { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }, {
    ...current,
    minAnnouncementDays: { ...current.minAnnouncementDays, ...Object.fromEntries(AVAILABLE_METHODS.map((m) => [m, data[`min_${m}`] as number])) },
    directThresholdFen: data.threshold as number,
    amendmentMinDays: data.amendmentMinDays as number,
    standstillDays: data.standstillDays as number,
    confirmDays: data.confirmDays as number,
    acceptanceDays: data.acceptanceDays as number,
    minDrawBids: data.minDrawBids as number,
    abnormallyLowPercent: data.abnormallyLowPercent as number,
    explanationDays: data.explanationDays as number,
    auctionTurnSeconds: data.auctionTurnSeconds as number,
    auctionStartTime: data.auctionStartTime as string,
    deadlineTime: data.deadlineTime as string,
  })
  return { errors: {}, values: {}, changed: changed.length } satisfies ActionData
}

export default function Rules() {
  const { rules } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const v = (key: string, fallback: string | number) => data?.values[key] ?? String(fallback)
  const e = data?.errors ?? {}
  return (
    <div className="page narrow">
      <h1>{t('rules.title')}</h1>
      <p className="lead">{t('rules.intro')}</p>
      {data?.changed !== undefined ? (
        <p className="alert ok" role="status">
          {t('rules.saved', { n: data.changed })}
        </p>
      ) : null}
      <FormError error={data?.formError} />
      <Form method="post" className="card form" noValidate>
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
          <Field label="rules.explanationDays" name="explanationDays" type="number" min={1} max={30} required defaultValue={v('explanationDays', rules.explanationDays)} error={e.explanationDays} />
        </div>
        <fieldset>
          <legend>{t('rules.selection')}</legend>
          <div className="grid two">
            <Field label="rules.minDrawBids" name="minDrawBids" type="number" min={1} max={20} required defaultValue={v('minDrawBids', rules.minDrawBids)} error={e.minDrawBids} hint="rules.minDrawBidsHint" />
            <Field label="rules.abnormallyLowPercent" name="abnormallyLowPercent" type="number" min={1} max={90} required defaultValue={v('abnormallyLowPercent', rules.abnormallyLowPercent)} error={e.abnormallyLowPercent} hint="rules.abnormallyLowHint" />
            <Field label="rules.auctionTurnSeconds" name="auctionTurnSeconds" type="number" min={30} max={900} required defaultValue={v('auctionTurnSeconds', rules.auctionTurnSeconds)} error={e.auctionTurnSeconds} />
            <Field label="rules.auctionStartTime" name="auctionStartTime" type="time" required defaultValue={v('auctionStartTime', rules.auctionStartTime)} error={e.auctionStartTime} hint="rules.auctionStartHint" />
          </div>
        </fieldset>
        <Field label="rules.deadlineTime" name="deadlineTime" type="time" required defaultValue={v('deadlineTime', rules.deadlineTime)} error={e.deadlineTime} />
        <button type="submit" className="button" disabled={busy}>
          {t('rules.save')}
        </button>
      </Form>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
