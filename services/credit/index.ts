export * from './sanctions'
