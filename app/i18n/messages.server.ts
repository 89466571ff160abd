import { createHash } from 'node:crypto'
import { en } from './en'
import { registerMessages, type Locale, type Messages } from './index'
import { zh } from './zh'

/** Both dictionaries, for the server: pages in either language, emails, feeds. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en }
registerMessages('zh-CN', zh)
registerMessages('en', en)

/** Changes with any word: the browser caches a namespace's words for good under it. */
export const MESSAGES_VERSION = createHash('sha256').update(JSON.stringify(messages)).digest('hex').slice(0, 12)
