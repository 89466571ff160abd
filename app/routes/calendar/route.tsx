import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDay } from '~/utils/format'
import { fieldErrors, type FieldErrors } from '~/utils/forms'
import { useCan, useLocale, useT } from '~/utils/i18n'
import { assertSameOrigin, badRequest, clientIp, readForm, withStatus } from '~/utils/request.server'
import { addWorkingDays, confirmProvisionalYear, enterCalendarDay, shanghaiDate, spansProvisional, workingDaysBetween, yearDays, yearStatuses } from '~/utils/services.server'
import { weekday } from '../../services/calendar/working-days'
import { isoDay } from '../../services/shared/schemas'

/** The calendar covers these years; outside them a date is refused, not counted for ever. */
const FIRST_YEAR = 2000
const LAST_YEAR = 2099
const day = isoDay.refine((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR, 'errors.dateOutOfRange')
const yearSchema = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR)
const addSchema = z.object({ from: day, n: z.coerce.number({ error: 'errors.number' }).int('errors.number').min(0, 'errors.number').max(365, 'errors.number') })
const betweenSchema = z.object({ start: day, end: day })
const setDaySchema = z
  .object({
    intent: z.literal('setDay'),
    day,
    kind: z.enum(['holiday', 'workday', 'normal'], { error: 'errors.choose' }),
    nameZh: z.string().trim().max(40, 'errors.tooLong').default(''),
    nameEn: z.string().trim().max(60, 'errors.tooLong').default(''),
  })
  // A holiday or make-up workday is named after its festival; "normal" only removes the exception.
  .refine((v) => v.kind === 'normal' || v.nameZh, { path: ['nameZh'], message: 'errors.required' })

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
    } else errors = fieldErrors(parsed.error)
  }
  if ('start' in params) {
    const parsed = betweenSchema.safeParse(params)
    if (parsed.success) between = { ...parsed.data, n: workingDaysBetween(calendar, parsed.data.start, parsed.data.end) }
    else errors = { ...errors, ...fieldErrors(parsed.error) }
  }
  // A count that could not be made is the asker's mistake: the page says which field, with a 400.
  return withStatus({ today, year, years, days, provisional: calendar.provisionalYears.has(year), nextProvisional: calendar.provisionalYears.has(thisYear + 1) ? thisYear + 1 : null, added, between, errors, params }, Object.keys(errors).length ? 400 : 200)
}

type ActionData = { errors: FieldErrors; saved?: string; confirmed?: { year: number; n: number } }

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'update:calendar:any')
  const { db, clock, queue } = await getApp()
  const form = Object.fromEntries(await readForm(request))
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  if (form.intent === 'confirmYear') {
    const year = z.coerce.number().int().min(2000).max(2100).safeParse(form.year)
    if (!year.success) return Response.json({ errors: { year: 'errors.number' } } satisfies ActionData, { status: 400 })
    const n = await confirmProvisionalYear(db, clock, actor, year.data)
    return { errors: {}, confirmed: { year: year.data, n } } satisfies ActionData
  }
  const parsed = setDaySchema.safeParse(form)
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) } satisfies ActionData, { status: 400 })
  const { kind, nameZh, nameEn } = parsed.data
  await enterCalendarDay(db, clock, queue, actor, { day: parsed.data.day, kind, nameZh, nameEn: nameEn || nameZh })
  return { errors: {}, saved: parsed.data.day } satisfies ActionData
}

export default function CalendarPage() {
  const { today, year, years, days, provisional, nextProvisional, added, between, errors, params } = useLoaderData<typeof loader>()
  const result = useActionData<ActionData>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const canEdit = useCan('update:calendar:any')
  const e = { ...errors, ...result?.errors } as FieldErrors
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
              {added.provisional ? <> <span className="badge warn">{t('calendar.provisionalShort')}</span></> : null}
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
        <section className="card" aria-labelledby="year-title">
          <h2 id="year-title">
            {t('calendar.year')} {year}
          </h2>
          <nav aria-label={t('calendar.year')} className="tabs">
            {years.map((y) => (
              <Link key={y.year} to={`?year=${y.year}`} aria-current={y.year === year ? 'page' : undefined}>
                {y.year} <span className={`badge ${y.provisional ? 'warn' : 'ok'}`}>{t(y.provisional ? 'calendar.provisionalYear' : 'calendar.official')}</span>
              </Link>
            ))}
          </nav>
          {provisional ? <p className="alert warn">{t('calendar.provisionalNote', { year })}</p> : null}
          {days.length ? (
            <TableWrap label={t('calendar.title')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('calendar.day')}</th>
                    <th scope="col">{t('calendar.weekday')}</th>
                    <th scope="col">{t('calendar.kind')}</th>
                    <th scope="col">{t('calendar.name')}</th>
                    <th scope="col">{t('calendar.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr key={d.day} className={d.kind === 'workday' ? 'row-workday' : undefined}>
                      <td>{formatDay(d.day, locale)}</td>
                      <td>{t(`weekday.${weekday(d.day) as 0}`)}</td>
                      <td><span className={`badge ${d.kind === 'holiday' ? 'ok' : 'warn'}`}>{t(`calendar.kind.${d.kind}`)}</span></td>
                      <td>{en ? d.nameEn : d.nameZh}</td>
                      <td className="muted">{t(`calendar.source.${d.source}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p className="muted">{t('calendar.none')}</p>
          )}
        </section>
      </div>
      {canEdit ? (
        <section className="card" aria-labelledby="edit-title">
          {nextProvisional ? <p className="alert warn" role="status">{t('calendar.enterNotice', { year: nextProvisional })}</p> : null}
          <h2 id="edit-title">{t('calendar.edit')}</h2>
          <p>{t('calendar.editIntro')}</p>
          {result?.saved ? <p className="alert ok" role="status">{t('calendar.saved', { day: formatDay(result.saved, locale) })}</p> : null}
          {result?.confirmed ? <p className="alert ok" role="status">{t('calendar.confirmed', { year: result.confirmed.year, n: result.confirmed.n })}</p> : null}
          <Form method="post" className="form inline">
            <input type="hidden" name="intent" value="setDay" />
            <Field label="calendar.day" name="day" type="date" required error={e.day} />
            <div className="field">
              <label htmlFor="kind">{t('calendar.kind')}</label>
              <select id="kind" name="kind" defaultValue="holiday">
                {(['holiday', 'workday', 'normal'] as const).map((k) => (
                  <option key={k} value={k}>{t(`calendar.kind.${k}`)}</option>
                ))}
              </select>
            </div>
            <Field label="calendar.name" name="nameZh" maxLength={40} error={e.nameZh as MessageKey | undefined} />
            <Field label="lang.en" name="nameEn" maxLength={60} error={e.nameEn} />
            <button type="submit" className="button">{t('calendar.save')}</button>
          </Form>
          {provisional ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirmYear" />
              <input type="hidden" name="year" value={year} />
              <button type="submit" className="button secondary">{t('calendar.confirmYear', { year })}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
