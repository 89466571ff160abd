import QRCode from 'qrcode'

/** A QR code of `url` as an SVG string (our own markup, from our own address), for printed notices. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
}
