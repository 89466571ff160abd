export * from './catalog'
export * from './terms'
