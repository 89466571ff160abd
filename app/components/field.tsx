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

/** A labelled select; its options (and groups) are the children. */
export function Select({ label, name, error, errorParams, hint, children, ...select }: Labelled & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  return (
    <LabelledControl
      label={label}
      name={name}
      error={error}
      errorParams={errorParams}
      hint={hint}
      control={(a11y) => (
        <select {...a11y} name={name} {...select}>
          {children}
        </select>
      )}
    />
  )
}

/** A checkbox with its label beside it (sends `yes` when ticked). */
export function Check({ name, label, error, defaultChecked }: { name: string; label: MessageKey; error?: MessageKey; defaultChecked?: boolean }) {
  const t = useT()
  const id = useFieldId(name)
  return (
    <>
      <div className={`field check${error ? ' has-error' : ''}`}>
        <input type="checkbox" id={id} name={name} value="yes" defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={id}>{t(label)}</label>
      </div>
      <FieldMessages id={id} error={error} />
    </>
  )
}

/** Radio buttons under a legend; the group is what the error summary links to. */
export function Choices({
  name,
  legend,
  options,
  checked,
  error,
  block = false,
  literal = false,
}: {
  name: string
  legend: MessageKey
  /** each choice's value and its label: a message key, or (`literal`) words already said */
  options: Array<[value: string, label: MessageKey]> | Array<[value: string, label: string]>
  checked: string | undefined
  error?: MessageKey
  /** one choice a line */
  block?: boolean
  literal?: boolean
}) {
  const t = useT()
  const id = useFieldId(name)
  return (
    <fieldset id={id} tabIndex={-1} className={`field choices${error ? ' has-error' : ''}`} data-invalid={error ? '' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t(legend)}</legend>
      {options.map(([value, label]) => (
        <label key={value} className={block ? 'choice block' : 'choice'}>
          <input type="radio" name={name} value={value} defaultChecked={checked === value} /> {literal ? label : t(label as MessageKey)}
        </label>
      ))}
      <FieldMessages id={id} error={error} />
    </fieldset>
  )
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
