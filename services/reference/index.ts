export * from './install'
export { CATALOG, CATEGORY_TERMS } from './data/catalog'
export { CITIES, regionRows } from './data/regions-guangxi'
