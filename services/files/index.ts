export * from './scans'
export * from './access'
