import type { MessageKey } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'

export interface PrintData {
  /** which notice this page is now: the announcement, its amendment, the result, or the failure */
  kind: 'announcement' | 'amendment' | 'result' | 'failure' | 'cancellation'
  issuer: string
  number: string | null
  /** the notice's own date: publication, the award, the failure or cancellation */
  date: string | null
  url: string
  qr: string
  draw: { url: string; qr: string } | null
}

/**
 * What only paper shows: the notice's heading with its issuer, number and date, and QR codes to
 * its page and its draw record, so a printed A4 copy can be checked against the site. The site's
 * navigation, buttons and forms do not print (app.css, @media print).
 */
export function PrintHeader({ data }: { data: PrintData }) {
  const t = useT()
  const locale = useLocale()
  const colon = locale === 'en' ? ': ' : '：'
  return (
    <header className="print-only print-header">
      <div>
        <p className="print-kind">{t(`print.kind.${data.kind}` as MessageKey)}</p>
        <p>
          {t('print.issuer')}{colon}{data.issuer}
        </p>
        <p>
          {t('print.platform')}{colon}{t('app.fullName')}
        </p>
        {data.number ? (
          <p>
            {t('print.number')}{colon}{data.number}
          </p>
        ) : null}
        {data.date ? (
          <p>
            {t('print.date')}{colon}{formatDateTime(data.date, locale)}
          </p>
        ) : null}
      </div>
      <figure className="print-qr">
        {/* Our own SVG, drawn on the server from our own address. */}
        <div dangerouslySetInnerHTML={{ __html: data.qr }} />
        <figcaption>{t('print.qrNotice')}</figcaption>
      </figure>
      {data.draw ? (
        <figure className="print-qr">
          <div dangerouslySetInnerHTML={{ __html: data.draw.qr }} />
          <figcaption>{t('print.qrDraw')}</figcaption>
        </figure>
      ) : null}
    </header>
  )
}

/** Prints the page (the browser's print dialogue); the printed copy is the notice alone. */
export function PrintButton() {
  const t = useT()
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {t('print.button')}
    </button>
  )
}
