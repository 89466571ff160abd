import * as z from 'zod'
import { AVAILABLE_METHODS } from '../market/methods'
import { amountProblem,parseYuan } from '../shared/money'
import { phoneField } from '../shared/schemas'
import { projectCodeProblem } from './project-code'

/*
 * The owner's forms, as they are sent. Pure (zod and the shared checks only), so the browser
 * validates with the same schemas, and the same messages, as the server. Messages are i18n keys.
 */

const text = (max: number) => z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong')
const yuan = (optional: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) {
        if (!optional) ctx.addIssue({ code: 'custom', message: 'errors.required' })
        return null
      }
      const problem = amountProblem(v)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
      return parseYuan(v)
    })
const checkbox = z.preprocess((v) => v === 'on' || v === 'yes' || v === true, z.boolean())


/**
 * An owner's procurement, as its form sends it. Arrays come from repeated fields. Messages are
 * i18n keys; rules that need the database (items, region, the named agency) are checked in
 * `saveDraft`.
 */
export const procurementInputSchema = z
  .object({
    projectCode: z
      .string({ error: 'errors.required' })
      .trim()
      .min(1, 'errors.required')
      .superRefine((code, ctx) => {
        // The shape here; the year against the app's clock in `saveDraft`, which has it.
        const problem = projectCodeProblem(code, Number.MAX_SAFE_INTEGER)
        if (problem) ctx.addIssue({ code: 'custom', message: `errors.projectCode.${problem}` })
      }),
    projectName: text(100),
    title: text(100),
    description: z.string().trim().max(2000, 'errors.tooLong').optional().default(''),
    itemCodes: z.array(z.string().regex(/^C\d{2}-\d{2}$/, 'errors.choose')).min(1, 'errors.chooseItems').max(8, 'errors.tooMany'),
    consortiumAllowed: checkbox,
    maxPrice: yuan(false),
    floorPrice: yuan(true),
    expectedDays: z.coerce.number({ error: 'errors.days' }).int('errors.days').min(1, 'errors.days').max(250, 'errors.days'),
    requirementMode: z.enum(['any', 'all']).optional().default('any'),
    requirementSpecialties: z.array(z.string().min(1)).max(8, 'errors.tooMany').optional().default([]),
    minLevel: z.coerce.number().int().min(1).max(3).optional().default(3),
    practitionersRequired: checkbox,
    fundingSource: z.enum(['public', 'private'], { error: 'errors.choose' }),
    method: z.enum(AVAILABLE_METHODS, { error: 'errors.methodUnavailable' }),
    announcementDays: z.coerce.number({ error: 'errors.announcementDays' }).int('errors.announcementDays').min(1, 'errors.announcementDays').max(30, 'errors.announcementDays'),
    directAgencyUscc: z.string().trim().toUpperCase().optional().default(''),
    directReason: z.string().trim().max(500, 'errors.tooLong').optional().default(''),
    minStep: yuan(true),
    contactName: text(40),
    contactPhone: phoneField,
  })
  .superRefine((v, ctx) => {
    if (v.maxPrice !== null && v.floorPrice !== null && v.floorPrice > v.maxPrice) ctx.addIssue({ code: 'custom', path: ['floorPrice'], message: 'errors.floorAboveMax' })
    if (v.method === 'direct' && !v.directAgencyUscc) ctx.addIssue({ code: 'custom', path: ['directAgencyUscc'], message: 'errors.required' })
    if (v.method === 'reverse_auction' && v.minStep === null) ctx.addIssue({ code: 'custom', path: ['minStep'], message: 'errors.required' })
  })
export type ProcurementInput = z.infer<typeof procurementInputSchema>

/**
 * Key terms the owner may change while published: price bounds, days, the qualification
 * requirement and the method (with its parameters). Each change extends the deadline and asks
 * bidders to confirm again; a bidder the new requirement excludes cannot.
 */
export const amendmentSchema = z
  .object({
    maxPrice: yuan(false),
    floorPrice: yuan(true),
    expectedDays: z.coerce.number({ error: 'errors.days' }).int('errors.days').min(1, 'errors.days').max(250, 'errors.days'),
    method: z.enum(AVAILABLE_METHODS, { error: 'errors.methodUnavailable' }).optional(),
    minStep: yuan(true),
    requirementMode: z.enum(['any', 'all']).optional().default('any'),
    requirementSpecialties: z.array(z.string().min(1)).max(8, 'errors.tooMany').optional().default([]),
    minLevel: z.coerce.number().int().min(1).max(3).optional().default(3),
    practitionersRequired: checkbox,
    reason: z.string().trim().min(4, 'errors.reasonShort').max(500, 'errors.tooLong'),
  })
  .refine((v) => v.maxPrice === null || v.floorPrice === null || v.floorPrice <= v.maxPrice, { path: ['floorPrice'], message: 'errors.floorAboveMax' })
  .refine((v) => v.method !== 'reverse_auction' || v.minStep !== null, { path: ['minStep'], message: 'errors.required' })
export type AmendmentInput = z.infer<typeof amendmentSchema>

/** Fields a form repeats (checkboxes): always lists, however many were ticked. */
const LISTS = ['itemCodes', 'requirementSpecialties'] as const

const asLists = (value: unknown) => {
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = { ...value }
  for (const key of LISTS) out[key] = out[key] === undefined ? [] : ([] as unknown[]).concat(out[key])
  return out
}

/** The procurement form as the browser's form data gives it (a single ticked box is a string): the same schema. */
export const procurementFormSchema = z.preprocess(asLists, procurementInputSchema)

/** A procurement form's fields as its schemas take them, from the browser's form data or the server's alike. */
export function procurementFormInput(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value
  for (const key of LISTS) values[key] = form.getAll(key).map(String)
  return values
}
