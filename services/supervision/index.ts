export * from './statistics'
