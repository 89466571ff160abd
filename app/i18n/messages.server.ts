import { en } from './en'
import { registerMessages, type Locale, type Messages } from './index'
import { zh } from './zh'

/** Both dictionaries, for the server: pages in either language, emails, feeds. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zh, en }
registerMessages('zh-CN', zh)
registerMessages('en', en)
