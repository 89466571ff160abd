import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

/** Answered questions, as everyone reads them: never who asked. */
export function Clarifications({ items }: { items: Array<{ id: string; question: string; answer: string | null; answeredAt: string | null }> }) {
  const t = useT()
  const locale = useLocale()
  if (!items.length) return null
  return (
    <section className="card" aria-labelledby="qa-title">
      <h2 id="qa-title">{t('qa.title', { n: items.length })}</h2>
      <dl className="qa">
        {items.map((c) => (
          <div key={c.id}>
            <dt>{c.question}</dt>
            <dd>
              {c.answer} {c.answeredAt ? <span className="muted sub">({formatDateTime(c.answeredAt, locale)})</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
