import { Link } from '@remix-run/react'
import { DataTable } from '~/components/data-table'
import { formatDay } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import type { CreditEventKind, CreditGrade } from '../../services/credit/kinds'

/** A credit grade as a coloured badge, with the score beside it when given. */
export function GradeBadge({ grade, score }: { grade: CreditGrade; score?: number }) {
  const t = useT()
  return (
    <span className={`badge grade grade-${grade}`} title={t('credit.gradeN', { grade })}>
      {grade}
      {score !== undefined ? <span className="sub"> · {t('credit.points', { n: score })}</span> : null}
    </span>
  )
}

export interface CreditLine {
  id: string
  kind: string
  day: string
  points: number
  counted: number
  why: string
  procurementId: string | null
  number: string | null
  title: string | null
  voidReason: string | null
}

export interface CreditExplanationData {
  score: number
  grade: CreditGrade
  version: number
  changesOn: string | null
  table: { grades: { A: number; B: number; C: number }; windowMonths: number }
  lines: CreditLine[]
}

/** Points with their sign, the minus a true minus sign: +2, −5, 0. */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0')

/**
 * An organization's credit, line by line: 100, then each event with what the rules give it and
 * what it counts now. The lines' counts add up to the score (down to 0 at the least).
 */
export function CreditExplanation({ data, headingId = 'credit-title' }: { data: CreditExplanationData; headingId?: string }) {
  const t = useT()
  const locale = useLocale()
  const { grades } = data.table
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('credit.title')}</h2>
      <p className="credit-score">
        <strong className="big">{data.score}</strong> <GradeBadge grade={data.grade} />
      </p>
      <p className="muted">
        {t('credit.how', { months: data.table.windowMonths, A: grades.A, B: grades.B, C: grades.C, version: data.version })} <Link to="/credit/rules">{t('credit.rulesLink')}</Link>
      </p>
      {data.lines.length ? (
        <DataTable<CreditLine>
          label={t('credit.lines')}
          rows={data.lines}
          rowKey={(l) => l.id}
          columns={[
            { header: t('credit.event'), lead: true, cell: (l) => <span id={`event-${l.id}`}>{t(`credit.kind.${l.kind as CreditEventKind}`)}</span> },
            { header: t('credit.day'), cell: (l) => formatDay(l.day, locale) },
            { header: t('credit.about'), cell: (l) => (l.procurementId ? <Link to={`/procurements/${l.procurementId}`}>{l.number ?? l.title}</Link> : '—') },
            { header: t('credit.rulePoints'), className: 'num', cell: (l) => signed(l.points) },
            { header: t('credit.counted'), className: 'num', cell: (l) => <strong>{signed(l.counted)}</strong> },
            { header: t('credit.note'), cell: (l) => (l.why === 'counted' ? '' : `${t(`credit.why.${l.why as 'capped'}`)}${l.voidReason ? `: ${l.voidReason}` : ''}`) },
          ]}
        />
      ) : (
        <p className="muted">{t('credit.noEvents')}</p>
      )}
      {data.changesOn ? <p className="muted sub">{t('credit.changesOn', { day: formatDay(data.changesOn, locale) })}</p> : null}
    </section>
  )
}
