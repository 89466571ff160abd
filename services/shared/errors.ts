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
