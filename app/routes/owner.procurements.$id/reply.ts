import { useActionData } from '@remix-run/react'
import type { ActionReply } from '~/utils/action-reply'

/** The last reply, read per intent: its field errors, and the values sent when it failed. */
export function useIntentReply() {
  const data = useActionData<ActionReply>()
  return {
    data,
    errorsOf: (intent: string) => (data?.intent === intent ? data.errors : {}),
    valuesOf: (intent: string): Record<string, string> => (data?.intent === intent && !data.ok ? data.values : {}),
  }
}
