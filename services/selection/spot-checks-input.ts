import * as z from 'zod/mini'
import { text, uuid, wholeNumber } from '../shared/fields'

/* An authority's spot check forms: the quarter announced, a sampled contract scored. Pure, so the browser checks them too. */

export const announceSchema = z.object({ year: wholeNumber(2020, 2100, 'errors.year'), quarter: wholeNumber(1, 4, 'errors.quarter'), percent: wholeNumber(1, 100, 'errors.percent') })
export const spotScoreSchema = z.object({ procurementId: uuid('errors.notFound'), score: wholeNumber(0, 100, 'errors.spotScore'), comment: text(4, 1000, 'errors.reasonShort') })
