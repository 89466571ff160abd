import type { Locale } from '~/i18n'
import type { PrintData } from '~/components/print-notice'
import type { publicProcurement } from './services.server'
import { qrSvg } from './qr.server'

type Found = NonNullable<Awaited<ReturnType<typeof publicProcurement>>>

/**
 * Which notice a procurement's public page is now, who issues it, its number and its date, with
 * QR codes to the page and to the draw record (when a draw decided it), at the site's public address.
 */
export async function printData(found: Found, drawId: string | null, publicUrl: string, locale: Locale): Promise<PrintData> {
  const { p } = found
  const kind: PrintData['kind'] = found.award
    ? 'result'
    : p.status === 'failed'
      ? 'failure'
      : p.status === 'cancelled'
        ? 'cancellation'
        : p.termsVersion > 1
          ? 'amendment'
          : 'announcement'
  // Each notice's own day: the award's decision, the failure at the deadline, the cancellation, the latest amendment, the publication.
  const date = found.award ? found.award.award.decidedAt : kind === 'failure' ? (p.closedAt ?? p.updatedAt) : kind === 'cancellation' ? (p.cancelledAt ?? p.updatedAt) : kind === 'amendment' ? (found.amendments.at(-1)?.at ?? p.updatedAt) : p.publishedAt
  const url = new URL(`/procurements/${p.id}`, publicUrl).toString()
  const draw = drawId ? new URL(`/draws/${drawId}`, publicUrl).toString() : null
  return {
    kind,
    issuer: locale === 'en' ? found.ownerEn : found.ownerZh,
    number: p.number,
    date: date ? date.toISOString() : null,
    url,
    qr: await qrSvg(url),
    draw: draw ? { url: draw, qr: await qrSvg(draw) } : null,
  }
}
