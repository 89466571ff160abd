import { translator, type Locale } from '~/i18n'
import type { EmailRenderer } from '../../services/notifications'
import { notificationText } from './notification-text'

/** The outbox's email for one reader: a subject, a greeting, the message, the link, a footer. */
export function emailRenderer(publicUrl: string): EmailRenderer {
  return ({ kind, params, link, locale, displayName }) => {
    const lang = locale as Locale
    const t = translator(lang)
    const message = notificationText(kind, params, lang)
    const firstSentence = message.split(/(?<=[。.！!？?])\s*/)[0] ?? message
    const subject = `${t('app.name')} · ${firstSentence.length > 80 ? `${firstSentence.slice(0, 79)}…` : firstSentence}`
    const url = link ? new URL(link, publicUrl).toString() : publicUrl
    const body = [t('email.greeting', { name: displayName }), '', message, '', `${t('email.open')} ${url}`, '', t('email.footer')].join('\n')
    return { subject, body }
  }
}
