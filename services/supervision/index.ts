export * from './statistics'
export * from './complaints'
export * from './monitoring'
export * from './red-flags'
