import * as z from 'zod/mini'
import { AVAILABLE_METHODS } from '../market/methods'
import { checkbox, optionalText, optionalWholeNumber, optionalYuan, phone, text, wholeNumber, yuan } from '../shared/fields'
import { projectCodeProblem } from './project-code'

/*
 * The owner's forms, as they are sent. Pure (zod's small build and the shared checks only), so the
 * browser validates with the same schemas, and the same messages, as the server. Messages are i18n keys.
 */

/** The qualification a procurement asks of bidders: any or all of the specialties, at a level, with practitioners or not. */
const requirement = {
  requirementMode: z._default(z.optional(z.enum(['any', 'all'])), 'any'),
  requirementSpecialties: z._default(z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(8, 'errors.tooMany'))), []),
  minLevel: z._default(z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3))), 3),
  practitionersRequired: checkbox,
}

/**
 * 综合评分's three weights, in percent: given (each 0–100, summing to 100) when the method is
 * scoring, else ignored. The office's smallest price weight is checked in `saveDraft`.
 */
const weight = optionalWholeNumber(0, 100, 'errors.weight')
const weights = { weightPrice: weight, weightCredit: weight, weightDays: weight }

/**
 * 信用择优's sizes: the long list (the N best credit scores, 3–30) and the short list drawn from
 * it (2–10, no longer than the long list). Given when the method is the credit shortlist.
 */
const shortlist = { longList: optionalWholeNumber(3, 30, 'errors.longList'), shortList: optionalWholeNumber(2, 10, 'errors.shortList') }
type Listed = { method?: string; longList: number | null; shortList: number | null }
function shortlistProblem(v: Listed, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string; input: unknown }) => void }) {
  if (v.method !== 'credit_shortlist') return
  for (const k of ['longList', 'shortList'] as const) if (v[k] === null) ctx.addIssue({ code: 'custom', path: [k], message: 'errors.required', input: v })
  if (v.longList !== null && v.shortList !== null && v.shortList >= v.longList) ctx.addIssue({ code: 'custom', path: ['shortList'], message: 'errors.shortListLonger', input: v })
}
/** The sizes a credit shortlist stores in its method's parameters. */
export const shortlistOf = (v: Listed) => ({ longList: v.longList!, shortList: v.shortList! })
type Weighted = { method?: string; weightPrice: number | null; weightCredit: number | null; weightDays: number | null }
function weightsProblem(v: Weighted, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string; input: unknown }) => void }) {
  if (v.method !== 'scoring') return
  const missing = (['weightPrice', 'weightCredit', 'weightDays'] as const).filter((k) => v[k] === null)
  for (const k of missing) ctx.addIssue({ code: 'custom', path: [k], message: 'errors.required', input: v })
  if (!missing.length && v.weightPrice! + v.weightCredit! + v.weightDays! !== 100) ctx.addIssue({ code: 'custom', path: ['weightPrice'], message: 'errors.weightsSum', input: v })
}
/** The weights a scoring procurement stores in its method's parameters. */
export const weightsOf = (v: Weighted) => ({ weights: { price: v.weightPrice!, credit: v.weightCredit!, days: v.weightDays! } })

/**
 * An owner's procurement, as its form sends it. Arrays come from repeated fields. Messages are
 * i18n keys; rules that need the database (items, region, the named agency) are checked in
 * `saveDraft`.
 */
export const procurementInputSchema = z
  .object({
    projectCode: z.string({ error: 'errors.required' }).check(
      z.trim(),
      z.minLength(1, 'errors.required'),
      z.superRefine((code, ctx) => {
        // The shape here; the year against the app's clock in `saveDraft`, which has it.
        const problem = projectCodeProblem(code, Number.MAX_SAFE_INTEGER)
        if (problem) ctx.addIssue({ code: 'custom', message: `errors.projectCode.${problem}`, input: code })
      }),
    ),
    projectName: text(1, 100),
    title: text(1, 100),
    description: optionalText(2000),
    itemCodes: z.array(z.string().check(z.regex(/^C\d{2}-\d{2}$/, 'errors.choose'))).check(z.minLength(1, 'errors.chooseItems'), z.maxLength(8, 'errors.tooMany')),
    consortiumAllowed: checkbox,
    maxPrice: yuan(),
    floorPrice: optionalYuan(),
    expectedDays: wholeNumber(1, 250, 'errors.days'),
    ...requirement,
    fundingSource: z.enum(['public', 'private'], { error: 'errors.choose' }),
    method: z.enum(AVAILABLE_METHODS, { error: 'errors.methodUnavailable' }),
    announcementDays: wholeNumber(1, 30, 'errors.announcementDays'),
    directAgencyUscc: z._default(z.optional(z.string().check(z.trim(), z.toUpperCase())), ''),
    directReason: optionalText(500),
    minStep: optionalYuan(),
    ...weights,
    ...shortlist,
    contactName: text(1, 40),
    contactPhone: phone,
  })
  .check(
    z.superRefine((v, ctx) => {
      // An amount in error is null here, and compared with nothing.
      if (v.maxPrice !== null && v.floorPrice !== null && v.floorPrice > v.maxPrice) ctx.addIssue({ code: 'custom', path: ['floorPrice'], message: 'errors.floorAboveMax', input: v })
      if (v.method === 'direct' && !v.directAgencyUscc) ctx.addIssue({ code: 'custom', path: ['directAgencyUscc'], message: 'errors.required', input: v })
      if (v.method === 'reverse_auction' && v.minStep === null) ctx.addIssue({ code: 'custom', path: ['minStep'], message: 'errors.required', input: v })
      weightsProblem(v, ctx)
      shortlistProblem(v, ctx)
    }),
  )
export type ProcurementInput = z.infer<typeof procurementInputSchema>

/**
 * Key terms the owner may change while published: price bounds, days, the qualification
 * requirement and the method (with its parameters). Each change extends the deadline and asks
 * bidders to confirm again; a bidder the new requirement excludes cannot.
 */
export const amendmentSchema = z
  .object({
    maxPrice: yuan(),
    floorPrice: optionalYuan(),
    expectedDays: wholeNumber(1, 250, 'errors.days'),
    method: z.optional(z.enum(AVAILABLE_METHODS, { error: 'errors.methodUnavailable' })),
    minStep: optionalYuan(),
    ...weights,
    ...shortlist,
    ...requirement,
    reason: text(4, 500, 'errors.reasonShort'),
  })
  .check(
    z.refine((v) => v.maxPrice === null || v.floorPrice === null || v.floorPrice <= v.maxPrice, { path: ['floorPrice'], message: 'errors.floorAboveMax' }),
    z.refine((v) => v.method !== 'reverse_auction' || v.minStep !== null, { path: ['minStep'], message: 'errors.required' }),
    z.superRefine((v, ctx) => weightsProblem(v, ctx)),
    z.superRefine((v, ctx) => shortlistProblem(v, ctx)),
  )
export type AmendmentInput = z.infer<typeof amendmentSchema>

/** Why the owner stops a procurement: shown on its announcement. */
export const cancelSchema = z.object({ reason: text(4, 500, 'errors.reasonShort') })

/** Fields a form repeats (checkboxes): always lists, however many were ticked. */
const LISTS = ['itemCodes', 'requirementSpecialties'] as const

/** A procurement form's fields as its schemas take them, from the browser's form data or the server's alike. */
export function procurementFormInput(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value
  for (const key of LISTS) values[key] = form.getAll(key).map(String)
  return values
}
