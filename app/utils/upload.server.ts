import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from '@remix-run/node'
import { MAX_UPLOAD_BYTES } from '~/utils/services.server'
import { assertPlainText, badRequest, readForm } from '~/utils/request.server'

/**
 * A multipart form with at most one file of MAX_UPLOAD_BYTES. Returns the fields, the file's
 * bytes (empty when none was chosen) and whether it was too large, so the page can say so.
 */
export async function readUploadForm(request: Request, fileField: string) {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) return { form: null, bytes: new Uint8Array(), tooLarge: true }
  try {
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) throw badRequest('errors.notAForm')
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
    assertPlainText(form)
    const file = form.get(fileField)
    const bytes = file && typeof file !== 'string' ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
    return { form, bytes, tooLarge: false }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: null, bytes: new Uint8Array(), tooLarge: true }
    if (error instanceof Response) throw error
    // A body that is not the multipart it claims (no boundary, cut short): say so, change nothing.
    throw badRequest('errors.notAForm')
  }
}

/** A form that may carry a file (multipart) or not: its fields, the file's bytes, and whether it was too large. */
export async function readActionForm(request: Request, fileField: string) {
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return readUploadForm(request, fileField)
  return { form: await readForm(request), bytes: new Uint8Array(), tooLarge: false }
}
