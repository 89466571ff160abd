import * as z from 'zod/mini'
import { text, uuid } from '../shared/fields'

/*
 * An agency's appeal against an evaluation, its request to repair a mark, and the office's
 * decision on either. Pure, so the browser checks them with the server's messages.
 */

export const appealSchema = z.object({ procurementId: uuid('errors.notFound'), statement: text(10, 2000, 'errors.statementShort') })
export const repairSchema = z.object({ target: z.enum(['sanction', 'event'], { error: 'errors.notFound' }), id: uuid('errors.notFound'), statement: text(10, 2000, 'errors.statementShort') })
export const petitionDecisionSchema = z.object({ id: uuid('errors.notFound'), outcome: z.enum(['granted', 'refused'], { error: 'errors.choose' }), note: text(4, 1000, 'errors.reasonShort') })
