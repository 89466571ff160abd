import { Form, Link, useLoaderData } from '@remix-run/react'
import { TableWrap } from '~/components/field'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { loader } from './route'

/** The agency's registered practitioners, identity numbers masked, each to edit or remove. */
export function PractitionerList() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
  <section className="card" aria-labelledby="list-title">
    <h2 id="list-title">{t('prac.list', { n: rows.length })}</h2>
    {rows.length ? (
      <TableWrap label={t('prac.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('prac.name')}</th>
              <th scope="col">{t('prac.idNumber')}</th>
              <th scope="col">{t('qual.specialty')}</th>
              <th scope="col">{t('prac.certificateNo')}</th>
              <th scope="col">{t('prac.validTo')}</th>
              <th scope="col">
                <span className="sr-only">{t('prac.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td className="mono">{p.idNumber}</td>
                <td>{en ? p.specialtyEn : p.specialtyZh}</td>
                <td className="mono">{p.certificateNo}</td>
                <td>{formatDay(p.validTo, locale)}</td>
                <td className="actions">
                  <Link to={`?edit=${p.id}`} aria-label={t('prac.editOne', { name: p.name })}>
                    {t('prac.edit')}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="id" value={p.id} />
                    <button type="submit" name="intent" value="remove" className="link-button" aria-label={t('prac.removeOne', { name: p.name })}>
                      {t('prac.remove')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    ) : (
      <p className="muted">{t('prac.none')}</p>
    )}
    <p className="hint">{t('prac.privacy')}</p>
  </section>
  )
}
