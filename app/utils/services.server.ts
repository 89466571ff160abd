/**
 * The web layer's one door into the domain. Being `.server`, it (and all it pulls in: drizzle,
 * argon2, pg) never reaches the browser bundle.
 */
export * from '../../services/agencies'
export * from '../../services/audit'
export * from '../../services/auth'
export * from '../../services/calendar'
export * from '../../services/catalog'
export * from '../../services/files'
export * from '../../services/jobs'
export * from '../../services/notifications'
export * from '../../services/orgs'
export { DomainError } from '../../services/shared/errors'
export * from '../../services/market'
export * from '../../services/bids'
export * from '../../services/procurement'
export * from '../../services/selection'
export * from '../../services/credit'
