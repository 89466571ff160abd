import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What one web request shares between its loaders and its action (the root's and the route's
 * each get their own Request object): app/server.js opens a scope around every request. Kept on
 * globalThis so the server and the build share one. Without a scope (remix dev), nothing is shared.
 */
export const requestScope: AsyncLocalStorage<Map<string, unknown>> = ((globalThis as { __zjcsRequestScope?: AsyncLocalStorage<Map<string, unknown>> }).__zjcsRequestScope ??= new AsyncLocalStorage<Map<string, unknown>>())

/** This request's value under `key`, made once; undefined outside a request scope. */
export function perRequest<T>(key: string, make: () => T): T | undefined {
  const store = requestScope.getStore()
  if (!store) return undefined
  if (!store.has(key)) store.set(key, make())
  return store.get(key) as T
}

/** Forgets this request's value under `key` (the session, once it is ended). */
export function forgetPerRequest(key: string) {
  requestScope.getStore()?.delete(key)
}
