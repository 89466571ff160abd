import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { Field, Select } from '~/components/field'
import { setDayForm } from '~/forms/office'
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
  return (
    <section className="card" aria-labelledby="edit-title">
      {nextProvisional ? <p className="alert warn" role="status">{t('calendar.enterNotice', { year: nextProvisional })}</p> : null}
      <h2 id="edit-title">{t('calendar.edit')}</h2>
      <p>{t('calendar.editIntro')}</p>
      {result?.ok && result.intent === 'setDay' ? <p className="alert ok" role="status">{t('calendar.saved', { day: formatDay(String(result.params?.day), locale) })}</p> : null}
      {result?.ok && result.intent === 'confirmYear' ? <p className="alert ok" role="status">{t('calendar.confirmed', result.params)}</p> : null}
      <CheckedForm spec={setDayForm} id="day" intent="setDay" reply={result} className="form inline">
        {(e, values) => (
          <>
            <Field label="calendar.day" name="day" type="date" required defaultValue={values.day} error={e.day} />
            <Select label="calendar.kind" name="kind" defaultValue={values.kind ?? 'holiday'} error={e.kind}>
              {(['holiday', 'workday', 'normal'] as const).map((k) => (
                <option key={k} value={k}>{t(`calendar.kind.${k}`)}</option>
              ))}
            </Select>
            <Field label="calendar.name" name="nameZh" maxLength={40} defaultValue={values.nameZh} error={e.nameZh} />
            <Field label="lang.en" name="nameEn" maxLength={60} defaultValue={values.nameEn} error={e.nameEn} />
            <button type="submit" className="button">{t('calendar.save')}</button>
          </>
        )}
      </CheckedForm>
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
