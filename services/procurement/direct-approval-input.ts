import * as z from 'zod/mini'
import { text, uuid } from '../shared/fields'

/** The office's decision on a direct commission above the limit, with its reason. Pure, so the browser checks it too. */
export const directDecisionSchema = z.object({
  id: uuid('errors.notFound'),
  decision: z.enum(['approved', 'rejected'], { error: 'errors.choose' }),
  reason: text(4, 1000, 'errors.reasonShort'),
})
