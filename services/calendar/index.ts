export * from './store'
export * from './deadlines'
export * from './working-days'
export { CALENDAR_YEARS, OFFICIAL_YEARS, PROVISIONAL_YEARS } from './official-data'
