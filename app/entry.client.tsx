import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { isLocale } from './i18n'
import { readPageMessages } from './i18n/page-messages'

// The page says its language (<html lang>) and carries its words; it comes to life with them.
const lang = document.documentElement.lang
readPageMessages(isLocale(lang) ? lang : 'zh-CN')
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  )
})
