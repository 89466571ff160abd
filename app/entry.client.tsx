import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { isLocale } from './i18n'
import { loadMessages } from './i18n/load-messages'

// The page says its language (<html lang>); its dictionary comes before the page comes to life.
const lang = document.documentElement.lang
void loadMessages(isLocale(lang) ? lang : 'zh-CN').then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
