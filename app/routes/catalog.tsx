import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DataTable } from '~/components/data-table'
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
  type Item = (typeof catalog)[number]['items'][number]
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
          <DataTable<Item>
            label={en ? category.nameEn : category.nameZh}
            rows={category.items}
            rowKey={(item) => item.id}
            columns={[
              { header: t('catalog.code'), className: 'mono nowrap', cell: (item) => item.code },
              { header: t('catalog.item'), cell: (item) => (en ? item.nameEn : item.nameZh) },
              { header: t('catalog.standardDays'), className: 'num', cell: (item) => t('time.days', { n: item.standardDays }) },
              { header: t('catalog.fee'), className: 'num', cell: (item) => formatFeeRange(item.feeMinFen, item.feeMaxFen, locale) ?? t('catalog.noFee') },
              { header: t('catalog.specialties'), cell: (item) => item.specialties.map((s) => (en ? s.nameEn : s.nameZh)).join(en ? ', ' : '、') },
              { header: t('catalog.legalBasis'), cell: (item) => item.legalBasis },
              { header: t('catalog.authority'), cell: (item) => (en ? item.authorityEn : item.authorityZh) },
              canEdit && {
                header: t('catalog.edit'),
                hidden: true,
                cell: (item) => (
                  <Link to={`/office/catalog/${item.code}`} aria-label={`${t('catalog.edit')} ${en ? item.nameEn : item.nameZh}`}>
                    {t('catalog.edit')}
                  </Link>
                ),
              },
            ]}
          />
        </section>
      ))}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
