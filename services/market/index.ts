export * from './lifecycle'
export * from './rules'
export * from './transition'
