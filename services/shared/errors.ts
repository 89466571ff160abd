/**
 * A rule of the domain said no. `code` is an i18n key (errors.*) so the web layer can say why
 * in the user's language; `field` ties it to a form field when there is one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(field ? `${code} (${field})` : code)
    this.name = 'DomainError'
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
export async function uniqueAsField<T>(work: () => Promise<T>, fields: Record<string, readonly [code: string, field: string]>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const constraint = violatedConstraint(error)
    const mapped = constraint === null ? undefined : fields[constraint]
    if (mapped) throw new DomainError(mapped[0], mapped[1])
    throw error
  }
}
