export * from './queue'
