import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { Link, useLoaderData } from '@remix-run/react'
import { formatFeeRange } from '~/utils/format'
import { useCan, useLocale, useT } from '~/utils/i18n'
import { listCatalog } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['catalog', 'time'] }

export async function loader() {
  const { db } = await getApp()
  return { catalog: await listCatalog(db) }
}

export default function Catalog() {
  const { catalog } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const canEdit = useCan('update:catalog:any')
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
                  <th scope="col">{t('catalog.fee')}</th>
                  <th scope="col">{t('catalog.specialties')}</th>
                  <th scope="col">{t('catalog.legalBasis')}</th>
                  <th scope="col">{t('catalog.authority')}</th>
                  {canEdit ? <th scope="col"><span className="sr-only">{t('catalog.edit')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {category.items.map((item) => (
                  <tr key={item.id}>
                    <td className="mono">{item.code}</td>
                    <td>{en ? item.nameEn : item.nameZh}</td>
                    <td className="num">{t('catalog.days', { n: item.standardDays })}</td>
                    <td className="num">
                      {formatFeeRange(item.feeMinFen, item.feeMaxFen, locale) ?? t('catalog.noFee')}
                    </td>
                    <td>{item.specialties.map((s) => (en ? s.nameEn : s.nameZh)).join(en ? ', ' : '、')}</td>
                    <td>{item.legalBasis}</td>
                    <td>{en ? item.authorityEn : item.authorityZh}</td>
                    {canEdit ? (
                      <td>
                        <Link to={`/office/catalog/${item.code}`} aria-label={`${t('catalog.edit')} ${en ? item.nameEn : item.nameZh}`}>
                          {t('catalog.edit')}
                        </Link>
                      </td>
                    ) : null}
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
