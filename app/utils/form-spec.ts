import { safeParse, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core'
import { isMessageKey } from '~/i18n'
import type { FieldPath } from '../../services/shared/errors'
import type { FieldErrors } from './forms'

/*
 * A form as both sides read it: the schema, how the form as sent becomes the schema's input, and
 * which field a reported path belongs to. Pure, so the browser checks a form before sending it
 * exactly as the server checks it on arrival, with the same messages.
 */
export interface FormSpec<S extends $ZodType = $ZodType> {
  schema: S
  /** the schema's input, when it is not the form's values as sent (repeated fields, slots) */
  input?: (form: FormData) => unknown
  /** the form's name for a path the schema or the service reported; by default the path's first part */
  fieldName?: (path: FieldPath, form: FormData) => string
  /** the fields the form repeats (checkboxes): sent back whole when the submit fails */
  lists?: readonly string[]
}

/** A form spec, its input typed from its schema. */
export const formSpec = <S extends $ZodType>(spec: FormSpec<S>): FormSpec<S> => spec

/** A form's values as sent, the last one of a repeated name: what a form with no `input` is checked against. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value
  return values
}

export const firstPart = (path: FieldPath) => String(path[0] ?? 'form')

/** Field errors from a schema's issues, first per field, as the form names them. */
export function issueErrors(issues: readonly $ZodIssue[], fieldName: (path: FieldPath) => string = firstPart): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const name = fieldName(issue.path.length ? (issue.path as FieldPath) : ['form'])
    out[name] ??= isMessageKey(issue.message) ? issue.message : 'errors.required'
  }
  return out
}

/** The form checked against its spec: the schema's output, or the errors by field. */
export function checkForm<S extends $ZodType>(spec: FormSpec<S>, form: FormData): { ok: true; data: output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = safeParse(spec.schema, spec.input ? spec.input(form) : formValues(form))
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, errors: issueErrors(parsed.error.issues, (path) => (spec.fieldName ? spec.fieldName(path, form) : firstPart(path))) }
}
