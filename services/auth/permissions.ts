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
  /** the office's sanctions page and the requests to decide */
  'read:sanction:any',
  /** sanctions: propose a blacklisting or a suspension, issue a yellow card, lift a measure, decide appeals and repairs */
  'update:sanction:any',
  /** the second pair of eyes: approve or refuse another user's proposed blacklisting or suspension */
  'approve:sanction:any',
  /** 抽查: announce, draw and score an authority's quarterly spot check */
  'update:spot-check:scoped',
  /** an agency's appeal against an evaluation and its requests for credit repair */
  'create:petition:own',
  /** a direct commission above the limit: approve or refuse the exception */
  'approve:direct:any',
  /** 信用评价规则: publish a new version of the credit rules table */
  'update:credit-rules:any',
  /** 投诉: accept or find invalid, uphold with a remedy or dismiss, a complaint */
  'update:complaint:any',
  /** 监督检查: open a monitoring, ask, conclude, accept a rectification or escalate it */
  'update:monitoring:any',
  /** 资金托管: every payment in escrow, and the ledger's balance */
  'read:payment:any',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const BY_KIND: Record<OrgKind, readonly Permission[]> = {
  owner: ['read:organization:own', 'create:procurement:own', 'read:procurement:own'],
  agency: ['read:organization:own', 'create:bid:own', 'update:qualification:own', 'update:practitioner:own', 'update:price-list:own', 'create:petition:own'],
  authority: ['read:organization:own', 'review:qualification:scoped', 'read:agency:any', 'read:statistics:any', 'update:spot-check:scoped'],
  market_office: [
    'read:organization:own',
    'read:agency:any',
    'update:catalog:any',
    'update:calendar:any',
    'read:audit:any',
    'read:jobs:any',
    'read:statistics:any',
    'read:sanction:any',
    'update:sanction:any',
    'approve:sanction:any',
    'approve:direct:any',
    'update:credit-rules:any',
    'update:complaint:any',
    'update:monitoring:any',
    'read:payment:any',
  ],
}
const ADMIN_ONLY: readonly Permission[] = ['update:organization:own', 'manage:members:own']

/**
 * The market office's separation of duties: an operator proposes and runs the market but approves
 * nothing; an approver approves (sanctions, exceptions) and reads, but proposes nothing; an admin
 * may do both, though never approve a proposal of their own (services/credit/sanctions.ts).
 */
const APPROVALS: readonly Permission[] = ['approve:sanction:any', 'approve:direct:any']
const OFFICE_READS: readonly Permission[] = ['read:organization:own', 'read:agency:any', 'read:audit:any', 'read:statistics:any', 'read:sanction:any', 'read:payment:any']

function ofRole(kind: OrgKind, role: UserRole): readonly Permission[] {
  const all = BY_KIND[kind]
  if (kind !== 'market_office') return all
  if (role === 'operator' || role === 'member') return all.filter((p) => !APPROVALS.includes(p))
  if (role === 'approver') return [...OFFICE_READS, ...APPROVALS]
  return all
}

export function permissionsFor(kind: OrgKind, role: UserRole): ReadonlySet<Permission> {
  return new Set([...ofRole(kind, role), ...(role === 'admin' ? ADMIN_ONLY : [])])
}

export function can(actor: { kind: OrgKind; role: UserRole } | null | undefined, permission: Permission): boolean {
  return !!actor && permissionsFor(actor.kind, actor.role).has(permission)
}
