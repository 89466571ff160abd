import type { UserRole } from '../../db/schema'
import { Link } from '@remix-run/react'
import { DefinitionList } from './field'
import { useCan, useLocale, useT } from '~/utils/i18n'

interface Profile {
  org: { nameZh: string; nameEn: string; uscc: string; contactName: string; contactPhone: string; contactEmail: string; legalRepresentative: string | null; address: string | null }
  regionZh: string
  regionEn: string
  members: Array<{ id: string; displayName: string; email: string; role: UserRole }>
}

/** The organization's card and its members, shown on every role's home. */
export function OrgCard({ profile }: { profile: Profile }) {
  const t = useT()
  const en = useLocale() === 'en'
  const canEdit = useCan('update:organization:own')
  const canManage = useCan('manage:members:own')
  return (
    <div className="grid two">
      <section className="card" aria-labelledby="org-title">
        <h2 id="org-title">{t('dash.org')}</h2>
        <DefinitionList
          items={[
            [t('dash.orgName'), en ? profile.org.nameEn : profile.org.nameZh],
            [t('dash.uscc'), <span className="mono" key="u">{profile.org.uscc}</span>],
            [t('dash.region'), en ? profile.regionEn : profile.regionZh],
            [t('agency.legalRep'), profile.org.legalRepresentative || '—'],
            [t('agency.address'), profile.org.address || '—'],
            [t('dash.contact'), `${profile.org.contactName} · ${profile.org.contactPhone} · ${profile.org.contactEmail}`],
          ]}
        />
        {canEdit ? (
          <p>
            <Link to="/profile" className="button secondary">
              {t('profile.edit')}
            </Link>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('dash.members')}</h2>
        {canManage ? (
          <p>
            <Link to="/members" className="button secondary">
              {t('dash.manageMembers')}
            </Link>
          </p>
        ) : null}
        <ul className="plain">
          {profile.members.map((m) => (
            <li key={m.id}>
              <strong>{m.displayName}</strong> <span className="muted">{m.email}</span> <span className="badge">{t(`role.${m.role}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
