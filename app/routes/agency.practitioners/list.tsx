import { Form, Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The agency's registered practitioners, identity numbers masked, each to edit or remove. */
export function PractitionerList() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  type Row = (typeof rows)[number]
  return (
  <section className="card" aria-labelledby="list-title">
    <h2 id="list-title">{t('prac.list', { n: rows.length })}</h2>
    {rows.length ? (
      <DataTable<Row>
        label={t('prac.title')}
        rows={rows}
        rowKey={(p) => p.id}
        columns={[
          { header: t('prac.name'), lead: true, cell: (p) => p.name },
          { header: t('prac.idNumber'), className: 'mono', cell: (p) => p.idNumber },
          { header: t('qual.specialty'), cell: (p) => (en ? p.specialtyEn : p.specialtyZh) },
          { header: t('prac.certificateNo'), className: 'mono', cell: (p) => p.certificateNo },
          { header: t('prac.validTo'), cell: (p) => formatDay(p.validTo, locale) },
          {
            header: t('prac.actions'),
            hidden: true,
            className: 'actions',
            cell: (p) => (
              <>
                <Link to={`?edit=${p.id}`} aria-label={t('prac.editOne', { name: p.name })}>
                  {t('prac.edit')}
                </Link>
                <Form method="post">
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" name="intent" value="remove" className="link-button" aria-label={t('prac.removeOne', { name: p.name })}>
                    {t('prac.remove')}
                  </button>
                </Form>
              </>
            ),
          },
        ]}
      />
    ) : (
      <p className="muted">{t('prac.none')}</p>
    )}
    <p className="hint">{t('prac.privacy')}</p>
  </section>
  )
}
