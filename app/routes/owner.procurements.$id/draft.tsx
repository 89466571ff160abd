import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Field } from '~/components/field'
import { useT } from '~/utils/i18n'
import { useIntentReply } from './reply'
import type { loader } from './route'

/** A draft: the preview's actions (edit, publish) and its attachments. */
export function DraftSection() {
  const { announcement } = useLoaderData<typeof loader>()
  const { data, errorsOf } = useIntentReply()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const { p } = announcement
  const published = data?.intent === 'publish' ? data : undefined
  return (
    <section className="card" aria-labelledby="draft-title">
      <h2 id="draft-title">{t('own.preview')}</h2>
      <p>{t('own.previewIntro')}</p>
      <div className="actions">
        <Link to={`/owner/procurements/${p.id}/edit`} className="button secondary">
          {t('own.edit')}
        </Link>
        <Form method="post">
          <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
            {t('own.publish')}
          </button>
        </Form>
      </div>
      <h3>{t('proc.attachments')}</h3>
      {announcement.attachments.length ? (
        <ul className="plain">
          {announcement.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/files/${a.id}`}>{a.name}</a>{' '}
              <Form method="post" className="inline-form">
                <input type="hidden" name="fileId" value={a.id} />
                <button type="submit" name="intent" value="detach" className="link-button" aria-label={t('own.detachOne', { name: a.name ?? '' })}>
                  {t('own.detach')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('own.noAttachments')}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="form inline" noValidate>
        <Field label="own.attachment" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required error={errorsOf('attach').file ?? (data?.intent === '' ? data.errors.file : undefined)} errorParams={data?.params} />
        <button type="submit" name="intent" value="attach" className="button secondary" disabled={busy}>
          {t('own.attach')}
        </button>
      </Form>
      {published?.errors.announcementDays ? <p className="error">{t(published.errors.announcementDays, published.params)}</p> : null}
      {published?.errors.directAgencyUscc ? <p className="error">{t(published.errors.directAgencyUscc)}</p> : null}
    </section>
  )
}
