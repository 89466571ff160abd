import type { MessageKey } from '~/i18n'
import { useT } from '~/utils/i18n'

/** A procurement's state as a coloured badge; its own file, so a list that shows it does not ship the announcement. */
export function StatusBadge({ status }: { status: string }) {
  const t = useT()
  return <span className={`badge proc-${status}`}>{t(`proc.status.${status}` as MessageKey)}</span>
}
