import type { MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'
import { useFieldId } from './error-summary'

interface Labelled {
  label: MessageKey
  name: string
  error?: MessageKey
  /** values for the error's placeholders, e.g. { max: 10 } */
  errorParams?: Record<string, string | number>
  hint?: MessageKey
}
type FieldProps = Labelled & React.InputHTMLAttributes<HTMLInputElement>

/** The label, hint and error around one control, tied to it by ids for screen readers. */
function LabelledControl({ label, name, error, errorParams, hint, control }: Labelled & { control: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode }) {
  const t = useT()
  const id = useFieldId(name)
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t(label)}</label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      <FieldMessages id={id} hint={hint} error={error} errorParams={errorParams} />
    </div>
  )
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, name, error, errorParams, hint, ...input }: FieldProps) {
  return <LabelledControl label={label} name={name} error={error} errorParams={errorParams} hint={hint} control={(a11y) => <input {...a11y} name={name} {...input} />} />
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

/** A labelled multi-line field with its hint and error, like `Field`. */
export function TextArea({ label, name, error, errorParams, hint, ...input }: Labelled & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  return <LabelledControl label={label} name={name} error={error} errorParams={errorParams} hint={hint} control={(a11y) => <textarea {...a11y} name={name} {...input} />} />
}

/** A field's hint and error, with the ids its input points at. */
function FieldMessages({ id, hint, error, errorParams }: { id: string; hint?: MessageKey; error?: MessageKey; errorParams?: Record<string, string | number> }) {
  const t = useT()
  return (
    <>
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
    </>
  )
}
