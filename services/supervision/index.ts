export * from './statistics'
export * from './complaints'
