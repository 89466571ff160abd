import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { Field } from '~/components/field'
import type { ActionReply } from '~/utils/action-reply'
import { useT } from '~/utils/i18n'
import type { loader } from './route'

/** The winner's part, once it confirmed the award: the contract to confirm, then the work to deliver. */
export function WonSection({ failed }: { failed: ActionReply | undefined }) {
  const { announcement, afterAward } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const { p } = announcement
  const e = failed?.errors ?? {}
  return (
    <section className="card won" aria-labelledby="won-title">
      <h2 id="won-title">{t('after.won')}</h2>
      {p.status === 'awarded' ? (
        afterAward?.contract ? (
          <Form method="post">
            <p>
              {t('after.contractReady', { start: afterAward.contract.startDate, due: afterAward.contract.dueDate })} <a href={`/files/${afterAward.contract.fileId}`}>{t('after.download')}</a>
            </p>
            <button type="submit" name="intent" value="confirmContract" className="button" disabled={busy}>
              {t('after.confirmContract')}
            </button>
          </Form>
        ) : (
          <p className="muted">{t('after.waitContract')}</p>
        )
      ) : null}
      {p.status === 'in_service' ? (
        <Form method="post" encType="multipart/form-data" className="form" noValidate>
          <p className="hint">{t('after.deliverHint', { due: afterAward?.contract?.dueDate ?? '' })}</p>
          <Field label="after.deliverable" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={e.file} />
          <Field label="after.note" name="note" maxLength={1000} defaultValue={failed?.values.note} error={e.note} />
          <button type="submit" name="intent" value="deliver" className="button" disabled={busy}>
            {t('after.deliver')}
          </button>
        </Form>
      ) : null}
      {p.status === 'delivered' ? <p className="muted">{t('after.waitDecision')}</p> : null}
    </section>
  )
}
