import { Link } from '@remix-run/react'
import { useState } from 'react'
import { useLocale, useT } from '~/utils/i18n'

export interface CatalogFilterData {
  code: string
  nameZh: string
  nameEn: string
  items: Array<{ code: string; nameZh: string; nameEn: string }>
}

/**
 * The category and item selects of the public lists' filter forms (ids prefixed per form). Choosing
 * a category narrows the items to its own; an item of another category is cleared.
 */
export function CategoryItemSelects({ idPrefix, categories, category, item }: { idPrefix: string; categories: CatalogFilterData[]; category?: string; item?: string }) {
  const t = useT()
  const en = useLocale() === 'en'
  const [chosen, setChosen] = useState(category ?? '')
  const [itemCode, setItemCode] = useState(item ?? '')
  const shown = chosen ? categories.filter((c) => c.code === chosen) : categories
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-category`}>{t('dir.category')}</label>
        <select
          id={`${idPrefix}-category`}
          name="category"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value)
            if (e.target.value && !itemCode.startsWith(`${e.target.value}-`)) setItemCode('')
          }}
        >
          <option value="">{t('dir.any')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {en ? c.nameEn : c.nameZh}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-item`}>{t('dir.item')}</label>
        <select id={`${idPrefix}-item`} name="item" value={itemCode} onChange={(e) => setItemCode(e.target.value)}>
          <option value="">{t('dir.any')}</option>
          {shown.map((c) => (
            <optgroup key={c.code} label={en ? c.nameEn : c.nameZh}>
              {c.items.map((i) => (
                <option key={i.code} value={i.code}>
                  {en ? i.nameEn : i.nameZh}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </>
  )
}

/** Previous / page n of m / next, keeping the list's filters in the links. */
export function Pager({ page, pages, params }: { page: number; pages: number; params: Record<string, string> }) {
  const t = useT()
  if (pages <= 1) return null
  const link = (n: number) => `?${new URLSearchParams({ ...params, page: String(n) })}`
  return (
    <nav className="pager" aria-label={t('dir.page', { page, pages })}>
      {page > 1 ? <Link to={link(page - 1)} rel="prev">{t('dir.prev')}</Link> : <span />}
      <span>{t('dir.page', { page, pages })}</span>
      {page < pages ? <Link to={link(page + 1)} rel="next">{t('dir.next')}</Link> : <span />}
    </nav>
  )
}
