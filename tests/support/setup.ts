// Both dictionaries, as the server holds them.
import '~/i18n/messages.server'
import { afterEach, beforeEach, vi } from 'vitest'

// A console.error in a test is a failure nobody asserted on: make it fail the test.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(' ')}`)
  })
})
afterEach(() => {
  vi.restoreAllMocks()
})
