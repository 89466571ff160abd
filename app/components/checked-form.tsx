import { getFormProps, parse, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useMemo, useRef } from 'react'
import type { $ZodType } from 'zod/v4/core'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { checkForm, type FormSpec } from '~/utils/form-spec'
import type { FieldErrors } from '~/utils/forms'
import { ErrorSummary, FormScope } from './error-summary'

/**
 * A form the browser checks before sending, with the spec the server checks it with on arrival
 * (conform runs it on submit, then again as the user corrects). What it returns goes on the
 * `<Form>` (`props`) and to the error summary and fields (`shown`: the browser's errors, else the
 * server's last answer). Without JavaScript nothing here runs and the server's answer is all.
 */
export function useCheckedForm<S extends $ZodType>(spec: FormSpec<S>, { id, reply, intent = '' }: { id: string; reply: ActionReply | undefined; intent?: string }) {
  const [form] = useForm({
    id,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parse(formData, {
        resolve: () => {
          const checked = checkForm(spec, formData)
          return checked.ok ? { value: checked.data } : { error: Object.fromEntries(Object.entries(checked.errors).map(([name, key]) => [name, [key!]])) }
        },
      }),
  })
  const browser = firstErrors(form.allErrors)
  // A server answer the browser has since checked over is not shown again once the browser is content.
  const seen = useRef<ActionReply | undefined>(undefined)
  if (browser) seen.current = reply
  const key = browser ? JSON.stringify(browser) : ''
  const shown = useMemo<ActionReply | undefined>(
    () => (browser ? { intent, ok: false, errors: browser, values: {}, formError: 'errors.form' } : reply !== seen.current ? reply : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the errors' text is what changes
    [key, reply, intent],
  )
  return { props: getFormProps(form), shown, errors: (shown && !shown.ok ? shown.errors : {}) as FieldErrors, inBrowser: !!browser }
}

/**
 * A posted form the browser checks first: its error summary on top (linked to the fields, which
 * get ids `<id>-<name>`), then the form, with the submit's intent. `children` draws the fields
 * with their errors and the values sent last (nothing typed is lost). A failure that names no
 * field (the step is no longer allowed, say) is the page's to show, not this summary's.
 */
export function CheckedForm<S extends $ZodType>({
  spec,
  id,
  intent,
  reply,
  owns = () => true,
  ownFailures = false,
  className = 'form',
  encType,
  labels,
  children,
}: {
  spec: FormSpec<S>
  /** unique on the page: the form's id, and the prefix of its fields' */
  id: string
  /** the intent it sends ('' for a route's one public form) */
  intent: string
  /** the page's last action reply */
  reply: ActionReply | undefined
  /** whether a reply of this intent is this form's (one of several alike: the answer to question q) */
  owns?: (reply: ActionReply) => boolean
  /** the summary says too why a step failed that names no field (the page does not) */
  ownFailures?: boolean
  className?: string
  encType?: 'multipart/form-data'
  labels?: Partial<Record<string, MessageKey>>
  children: (errors: FieldErrors, values: Record<string, string>, params: Record<string, string | number> | undefined) => React.ReactNode
}) {
  const mine = reply && !reply.ok && reply.intent === intent && owns(reply) ? reply : undefined
  const { props, shown, errors, inBrowser } = useCheckedForm(spec, { id, reply: ownFailures || mine?.formError === 'errors.form' ? mine : undefined, intent })
  return (
    <FormScope id={id}>
      <ErrorSummary scope={id} reply={shown} labels={labels} focus={!inBrowser} />
      <Form method="post" className={className} encType={encType} {...props}>
        {children(errors, mine?.values ?? {}, shown?.params)}
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      </Form>
    </FormScope>
  )
}

/** The first error per field, by the field's name (`itemCodes[2]` is `itemCodes`); null when there are none. */
export function firstErrors(all: Record<string, string[]>): FieldErrors | null {
  const out: FieldErrors = {}
  for (const [name, messages] of Object.entries(all)) {
    const field = name.replace(/\[.*$/, '') || 'form'
    out[field] ??= messages[0] as MessageKey
  }
  return Object.keys(out).length ? out : null
}
