import { useId } from 'react'
import type { MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: MessageKey
  name: string
  error?: MessageKey
  /** values for the error's placeholders, e.g. { max: 10 } */
  errorParams?: Record<string, string | number>
  hint?: MessageKey
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, name, error, errorParams, hint, ...input }: FieldProps) {
  const t = useT()
  const id = useId()
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t(label)}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {t(error, errorParams)}
        </p>
      ) : null}
    </div>
  )
}

export function FormError({ error }: { error?: MessageKey }) {
  const t = useT()
  if (!error) return null
  return (
    <div className="alert error" role="alert">
      {t(error)}
    </div>
  )
}

export function DefinitionList({ items }: { items: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="deflist">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A table that may scroll sideways on a phone: a labelled region keyboard users can scroll. */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
