import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field } from '~/components/field'
import type { ActionReply } from '~/utils/action-reply'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The market office's entry of a day from the State Council's notice, and its confirmation of a provisional year. */
export function CalendarEditor() {
  const { year, provisional, nextProvisional } = useLoaderData<typeof loader>()
  const result = useActionData<ActionReply>()
  const t = useT()
  const locale = useLocale()
  const e = result?.errors ?? {}
  return (
    <section className="card" aria-labelledby="edit-title">
      {nextProvisional ? <p className="alert warn" role="status">{t('calendar.enterNotice', { year: nextProvisional })}</p> : null}
      <h2 id="edit-title">{t('calendar.edit')}</h2>
      <p>{t('calendar.editIntro')}</p>
      {result?.ok && result.intent === 'setDay' ? <p className="alert ok" role="status">{t('calendar.saved', { day: formatDay(String(result.params?.day), locale) })}</p> : null}
      {result?.ok && result.intent === 'confirmYear' ? <p className="alert ok" role="status">{t('calendar.confirmed', result.params)}</p> : null}
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
        <Field label="calendar.name" name="nameZh" maxLength={40} error={e.nameZh} />
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
  
  )
}
