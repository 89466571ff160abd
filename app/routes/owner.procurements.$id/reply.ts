import { useActionData } from '@remix-run/react'
import type { ActionReply } from '~/utils/action-reply'

/** The last reply, read per intent: its field errors. */
export function useIntentReply() {
  const data = useActionData<ActionReply>()
  return {
    data,
    errorsOf: (intent: string) => (data?.intent === intent ? data.errors : {}),
  }
}
