import type { ErrorCode } from './error-codes'
/** Where in the input a problem is: a field's name, or a path into nested input (`['members', 2, 'uscc']`). */
export type FieldPath = readonly (string | number)[]

/** What a message needs besides its code: numbers, words, amounts (`fen(…)`), or a list of reasons (never JSON in a string). */
export type ErrorParams = Record<string, unknown>

/** An amount in a message's parameters: fen here, shown as yuan by the web layer. */
export interface FenParam {
  fen: number
}
export const fen = (amount: number): FenParam => ({ fen: amount })
export const isFenParam = (value: unknown): value is FenParam => typeof value === 'object' && value !== null && typeof (value as FenParam).fen === 'number' && Object.keys(value).length === 1

/**
 * A rule of the domain said no. `code` is an i18n key (errors.*) so the web layer can say why
 * in the user's language; `path` ties it to the input it is about when there is one, as the
 * service saw that input (the web layer maps it to its form's names).
 */
export class DomainError extends Error {
  readonly path: FieldPath | undefined
  constructor(
    readonly code: ErrorCode,
    at?: string | FieldPath,
    readonly params: ErrorParams = {},
  ) {
    const path = at === undefined ? undefined : typeof at === 'string' ? [at] : at
    super(path ? `${code} (${path.join('.')})` : code)
    this.name = 'DomainError'
    this.path = path
  }

  /** The path as one dotted name (`members.2.uscc`), for logs and tests. */
  get field(): string | undefined {
    return this.path?.join('.')
  }
}

/** The unique constraint a failed query broke (PostgreSQL's 23505), found through drizzle's wrapping; null for any other error. */
export function violatedConstraint(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown }
    if (code === '23505') return typeof constraint === 'string' ? constraint : ''
  }
  return null
}

/**
 * Runs `work`; when a race breaks one of these unique constraints (the check before the insert
 * saw nothing, a concurrent request inserted first), the loser gets the same field error the
 * check would have given, not a 500. PGlite runs one transaction at a time and never gets here;
 * PostgreSQL does.
 */
export async function uniqueAsField<T>(work: () => Promise<T>, fields: Record<string, readonly [code: ErrorCode, field: string]>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const constraint = violatedConstraint(error)
    const mapped = constraint === null ? undefined : fields[constraint]
    if (mapped) throw new DomainError(mapped[0], mapped[1])
    throw error
  }
}
