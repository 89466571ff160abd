export * from './statistics'
export * from './complaints'
export * from './monitoring'
