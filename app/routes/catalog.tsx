import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { useLocale, useT } from '~/utils/i18n'
import { listCatalog } from '~/utils/services.server'

export async function loader() {
  const { db } = await getApp()
  return { catalog: await listCatalog(db) }
}

export default function Catalog() {
  const { catalog } = useLoaderData<typeof loader>()
  const t = useT()
  const en = useLocale() === 'en'
  return (
    <div className="page">
      <h1>{t('catalog.title')}</h1>
      <p className="lead">{t('catalog.intro')}</p>
      {catalog.map((category) => (
        <section key={category.id} id={category.code} className="card" aria-labelledby={`h-${category.code}`}>
          <h2 id={`h-${category.code}`}>
            <span className="tile-code">{category.code}</span> {en ? category.nameEn : category.nameZh}
          </h2>
          <TableWrap label={en ? category.nameEn : category.nameZh}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('catalog.code')}</th>
                  <th scope="col">{t('catalog.item')}</th>
                  <th scope="col">{t('catalog.standardDays')}</th>
                  <th scope="col">{t('catalog.specialties')}</th>
                </tr>
              </thead>
              <tbody>
                {category.items.map((item) => (
                  <tr key={item.id}>
                    <td className="mono">{item.code}</td>
                    <td>{en ? item.nameEn : item.nameZh}</td>
                    <td className="num">{t('catalog.days', { n: item.standardDays })}</td>
                    <td>{item.specialties.map((s) => (en ? s.nameEn : s.nameZh)).join(en ? ', ' : '、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
