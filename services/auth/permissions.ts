import type { OrgKind, UserRole } from '../../db/schema'

/**
 * Permissions are typed strings `action:entity:access`. `own` means the actor's organization's
 * records; `scoped` an authority's categories; `any` every record. An API key will carry the same
 * strings (see ROADMAP).
 */
export const PERMISSIONS = [
  'read:organization:own',
  'update:organization:own',
  'manage:members:own',
  'create:procurement:own',
  'read:procurement:own',
  'create:bid:own',
  'update:qualification:own',
  'update:practitioner:own',
  'update:price-list:own',
  'review:qualification:scoped',
  'read:agency:any',
  'update:catalog:any',
  'update:calendar:any',
  'read:audit:any',
  'read:jobs:any',
  'read:statistics:any',
  /** 失信名单: list an agency, lift a listing */
  'update:sanction:any',
  /** a direct commission above the limit: approve or refuse the exception */
  'approve:direct:any',
  /** 信用评价规则: publish a new version of the credit rules table */
  'update:credit-rules:any',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const BY_KIND: Record<OrgKind, readonly Permission[]> = {
  owner: ['read:organization:own', 'create:procurement:own', 'read:procurement:own'],
  agency: ['read:organization:own', 'create:bid:own', 'update:qualification:own', 'update:practitioner:own', 'update:price-list:own'],
  authority: ['read:organization:own', 'review:qualification:scoped', 'read:agency:any', 'read:statistics:any'],
  market_office: [
    'read:organization:own',
    'read:agency:any',
    'update:catalog:any',
    'update:calendar:any',
    'read:audit:any',
    'read:jobs:any',
    'read:statistics:any',
    'update:sanction:any',
    'approve:direct:any',
    'update:credit-rules:any',
  ],
}
const ADMIN_ONLY: readonly Permission[] = ['update:organization:own', 'manage:members:own']

export function permissionsFor(kind: OrgKind, role: UserRole): ReadonlySet<Permission> {
  return new Set([...BY_KIND[kind], ...(role === 'admin' ? ADMIN_ONLY : [])])
}

export function can(actor: { kind: OrgKind; role: UserRole } | null | undefined, permission: Permission): boolean {
  return !!actor && permissionsFor(actor.kind, actor.role).has(permission)
}
