export * from './sanctions'
export * from './events'
