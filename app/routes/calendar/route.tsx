import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/field'
import { intent, runIntents } from '~/utils/action.server'
import { issueErrors } from '~/utils/form-spec'
import { getApp } from '~/utils/app.server'
import { formatDay } from '~/utils/format'
import type { FieldErrors } from '~/utils/forms'
import { useCan, useLocale, useT } from '~/utils/i18n'
import { badRequest, withStatus } from '~/utils/request.server'
import { addWorkingDays, confirmProvisionalYear, enterCalendarDay, shanghaiDate, spansProvisional, workingDaysBetween, yearDays, yearStatuses } from '~/utils/services.server'
import { weekday } from '../../../services/calendar/working-days'
import { CalendarEditor } from './editor'
import { setDayForm } from '~/forms/office'
import { addSchema, betweenSchema, confirmYearSchema, yearSchema } from '../../../services/calendar/input'
import { YearSection } from './year'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['calendar', 'time', 'weekday'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, clock } = await getApp()
  const query = new URL(request.url).searchParams
  const today = shanghaiDate(clock.now())
  const asked = yearSchema.safeParse(query.get('year') || today.slice(0, 4))
  if (!asked.success) throw badRequest('errors.badQuery')
  const year = asked.data
  const [{ calendar, years }, days] = [await yearStatuses(db, today, year), await yearDays(db, year)]
  const thisYear = Number(today.slice(0, 4))
  const params = Object.fromEntries(query)
  let added: { from: string; n: number; to: string; weekday: number; provisional: boolean } | null = null
  let between: { start: string; end: string; n: number } | null = null
  let errors: FieldErrors = {}
  if ('from' in params) {
    const parsed = addSchema.safeParse(params)
    if (parsed.success) {
      const to = addWorkingDays(calendar, parsed.data.from, parsed.data.n)
      added = { ...parsed.data, to, weekday: weekday(to), provisional: spansProvisional(calendar, parsed.data.from, to) }
    } else errors = issueErrors(parsed.error.issues)
  }
  if ('start' in params) {
    const parsed = betweenSchema.safeParse(params)
    if (parsed.success) between = { ...parsed.data, n: workingDaysBetween(calendar, parsed.data.start, parsed.data.end) }
    else errors = { ...errors, ...issueErrors(parsed.error.issues) }
  }
  // A count that could not be made is the asker's mistake: the page says which field, with a 400.
  return withStatus({ today, year, years, days, provisional: calendar.provisionalYears.has(year), nextProvisional: calendar.provisionalYears.has(thisYear + 1) ? thisYear + 1 : null, added, between, errors, params }, Object.keys(errors).length ? 400 : 200)
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:calendar:any',
    intents: {
      confirmYear: intent({ schema: confirmYearSchema, run: async ({ app, actor }, { year }) => ({ params: { year, n: await confirmProvisionalYear(app.db, app.clock, actor, year) } }) }),
      setDay: intent({
        form: setDayForm,
        run: async ({ app, actor }, { day, kind, nameZh, nameEn }) => {
          await enterCalendarDay(app.db, app.clock, app.queue, actor, { day, kind, nameZh, nameEn: nameEn || nameZh })
          return { params: { day } }
        },
      }),
    },
  })

export default function CalendarPage() {
  const { today, year, added, between, errors, params } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const canEdit = useCan('update:calendar:any')
  const e: FieldErrors = errors
  return (
    <div className="page">
      <h1>{t('calendar.title')}</h1>
      <p className="lead">{t('calendar.intro')}</p>
      <div className="grid two">
        <section className="card" aria-labelledby="calc-title">
          <h2 id="calc-title">{t('calendar.calculator')}</h2>
          <Form method="get" className="form inline">
            <input type="hidden" name="year" value={year} />
            <Field label="calendar.from" name="from" type="date" required defaultValue={params.from ?? today} error={e.from} />
            <Field label="calendar.addDays" name="n" type="number" min={0} max={365} required defaultValue={params.n ?? '5'} error={e.n} />
            <button type="submit" className="button">{t('calendar.calculate')}</button>
          </Form>
          {added ? (
            <p className="result" role="status">
              {t('calendar.result', { from: formatDay(added.from, locale), n: added.n, to: formatDay(added.to, locale), weekday: t(`weekday.${added.weekday as 0}`) })}
              {added.provisional ? <> <span className="badge warn">{t('time.provisional')}</span></> : null}
            </p>
          ) : null}
          <h3>{t('calendar.between')}</h3>
          <Form method="get" className="form inline">
            <input type="hidden" name="year" value={year} />
            <Field label="calendar.from" name="start" type="date" required defaultValue={params.start ?? today} error={e.start} />
            <Field label="calendar.to" name="end" type="date" required defaultValue={params.end ?? ''} error={e.end} />
            <button type="submit" className="button">{t('calendar.calculate')}</button>
          </Form>
          {between ? (
            <p className="result" role="status">
              {t('calendar.betweenResult', { from: formatDay(between.start, locale), to: formatDay(between.end, locale), n: between.n })}
            </p>
          ) : null}
        </section>
        <YearSection />
      </div>
      {canEdit ? <CalendarEditor /> : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
