export * from './boot'
export * from './jobs'
