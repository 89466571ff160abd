import type { MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'

/** An objection's state, and the complaint's when it became one. */
export function ObjectionStatus({ status, complaint }: { status: string; complaint: string | null }) {
  const t = useT()
  if (complaint) return <span className={`badge${complaint === 'upheld' ? ' ok' : ''}`}>{t(`obj.complaint.${complaint}` as MessageKey)}</span>
  return <span className={`badge${status === 'resolved' ? ' ok' : status === 'submitted' ? ' warn' : ''}`}>{t(`obj.status.${status}` as MessageKey)}</span>
}
