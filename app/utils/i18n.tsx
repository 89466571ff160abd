import type { UserRole } from '../../db/schema'
import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE, translator, type Locale } from '~/i18n'
import type { Permission } from '../../services/auth/permissions'

export interface RootData {
  locale: Locale
  /** The dictionaries' version, under which the browser fetches and caches a page's words. */
  messagesVersion: string
  /** the signed-in user, with how many of their messages are unread (the header shows it) */
  user: { displayName: string; email: string; role: UserRole; orgKind: 'owner' | 'agency' | 'authority' | 'market_office'; orgName: string; unread: number } | null
  permissions: Permission[]
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData('root') as RootData | undefined
}

export function useLocale(): Locale {
  return useRootData()?.locale ?? DEFAULT_LOCALE
}

/** The translator of the page's language. */
export function useT() {
  return translator(useLocale())
}

/** The UI mirrors the server's permission checks (the server still decides). */
export function useCan(permission: Permission): boolean {
  return useRootData()?.permissions.includes(permission) ?? false
}
