import { DefinitionList } from './field'
import { useLocale, useT } from '~/utils/i18n'

interface Profile {
  org: { nameZh: string; nameEn: string; uscc: string; contactName: string; contactPhone: string; contactEmail: string }
  regionZh: string
  regionEn: string
  members: Array<{ id: string; displayName: string; email: string; role: 'admin' | 'member' }>
}

/** The organization's card and its members, shown on every role's home. */
export function OrgCard({ profile }: { profile: Profile }) {
  const t = useT()
  const en = useLocale() === 'en'
  return (
    <div className="grid two">
      <section className="card" aria-labelledby="org-title">
        <h2 id="org-title">{t('dash.org')}</h2>
        <DefinitionList
          items={[
            [t('dash.orgName'), en ? profile.org.nameEn : profile.org.nameZh],
            [t('dash.uscc'), <span className="mono" key="u">{profile.org.uscc}</span>],
            [t('dash.region'), en ? profile.regionEn : profile.regionZh],
            [t('dash.contact'), `${profile.org.contactName} · ${profile.org.contactPhone} · ${profile.org.contactEmail}`],
          ]}
        />
      </section>
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('dash.members')}</h2>
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
