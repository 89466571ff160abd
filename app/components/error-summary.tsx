import { createContext, useContext, useEffect, useId, useRef, useState } from 'react'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { useT } from '~/utils/i18n'

/** The form a field belongs to: its controls get ids `<scope>-<name>`, so the summary can link to them. */
const Scope = createContext<string | null>(null)

export function FormScope({ id, children }: { id: string; children: React.ReactNode }) {
  return <Scope.Provider value={id}>{children}</Scope.Provider>
}

/** The id of a form's control: `<scope>-<name>` inside a FormScope (the summary links there), else a unique one. */
export function useFieldId(name: string): string {
  const scope = useContext(Scope)
  const auto = useId()
  return scope ? `${scope}-${safe(name)}` : auto
}

/** A field's name as part of an id. */
const safe = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_')

/**
 * What went wrong with the last submit, at the top of the form: the message for the form, and a
 * link to each field in error (labelled, where `labels` names it). On a failed submit the first
 * invalid field takes the focus, or the summary itself when no field is to blame; without
 * JavaScript the page comes back with the summary and the errors beside their fields all the same.
 */
export function ErrorSummary({ scope, reply, labels = {}, focus = true }: { scope: string; reply: ActionReply | undefined; labels?: Partial<Record<string, MessageKey>>; /** false where the form's own validation already moved the focus */ focus?: boolean }) {
  const t = useT()
  const box = useRef<HTMLDivElement>(null)
  const failed = reply && !reply.ok ? reply : undefined
  // Fields the form does not name in `labels` are named as the page labels them, once it is in the browser.
  const [found, setFound] = useState<Record<string, string>>({})
  useEffect(() => {
    if (!failed) return
    const names: Record<string, string> = {}
    for (const name of Object.keys(failed.errors)) {
      const el = document.getElementById(`${scope}-${safe(name)}`)
      const text = el instanceof HTMLFieldSetElement ? el.querySelector('legend')?.textContent : document.querySelector(`label[for="${scope}-${safe(name)}"]`)?.textContent
      if (text) names[name] = text.trim()
    }
    setFound(names)
  }, [failed, scope])
  useEffect(() => {
    if (!failed || !focus) return
    const first = document.querySelector<HTMLElement>(`[id^="${scope}-"][aria-invalid="true"], [id^="${scope}-"][data-invalid]`)
    ;(first ?? box.current)?.focus()
  }, [failed, scope, focus])
  if (!failed) return null
  const fields = Object.entries(failed.errors).filter((entry): entry is [string, MessageKey] => !!entry[1])
  return (
    <div className="alert error error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={`${scope}-summary`}>
      <p id={`${scope}-summary`}>{t(failed.formError ?? 'errors.form', failed.params)}</p>
      {fields.length ? (
        <ul>
          {fields.map(([name, error]) => (
            <li key={name}>
              <a href={`#${scope}-${safe(name)}`}>
                {labels[name] || found[name] ? t('errors.summaryItem', { field: labels[name] ? t(labels[name]) : found[name]!, message: t(error, failed.params) }) : t(error, failed.params)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
