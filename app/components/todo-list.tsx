import { Link } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { DateTime } from './date-time'
import type { TodoItem } from '../../services/procurement/todo'


/**
 * A role's to-do list, its home's first card: what needs its action, each linked to where it is
 * done, with its deadline, the overdue ones first and marked. `extra` adds lines of its own (the
 * announcements an agency may bid on).
 */
export function TodoList({ items, extra }: { items: TodoItem[]; extra?: React.ReactNode }) {
  const t = useT()
  const locale = useLocale()
  const overdue = items.filter((i) => i.overdue).length
  return (
    <section className="card todo" aria-labelledby="todo-title">
      <h2 id="todo-title">
        {t('todo.title', { n: items.length })}
        {overdue ? <span className="badge overdue">{t('todo.overdueCount', { n: overdue })}</span> : null}
      </h2>
      {items.length ? (
        <ul className="todo-list">
          {items.map((item, i) => (
            <li key={`${item.kind}-${item.link}-${i}`} className={item.overdue ? 'overdue' : undefined}>
              <Link to={item.link}>{t(`todo.${item.kind}` as MessageKey, item.params)}</Link>
              <span className="todo-subject" hidden={!item.title}>
                {locale === 'en' && item.titleEn ? item.titleEn : item.title}
                {item.number ? <span className="mono muted sub"> {item.number}</span> : null}
              </span>
              {item.due ? (
                <span className="sub">
                  {'at' in item.due ? (
                    <>
                      {t('todo.by')} <DateTime at={item.due.at} />
                    </>
                  ) : (
                    t('todo.dueDay', { day: formatDay(item.due.day, locale) })
                  )}
                  {item.overdue ? <span className="badge overdue">{t('todo.overdue')}</span> : null}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('todo.none')}</p>
      )}
      {extra}
    </section>
  )
}
