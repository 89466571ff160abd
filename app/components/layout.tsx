import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { MessageKey } from '~/i18n'
import { useLocale, useRootData, useT } from '~/utils/i18n'

export const HOME_BY_KIND = { owner: '/owner', agency: '/agency', authority: '/authority', market_office: '/office' } as const

/** Each role's own pages, its workspace first. */
const WORKSPACE: Record<keyof typeof HOME_BY_KIND, Array<[string, MessageKey]>> = {
  owner: [['/owner', 'nav.myHome'], ['/inbox', 'nav.inbox'], ['/owner/procurements', 'nav.myProcurements'], ['/owner/procurements/new', 'nav.newProcurement'], ['/profile', 'nav.profile']],
  agency: [['/agency', 'nav.myHome'], ['/inbox', 'nav.inbox'], ['/agency/bids', 'nav.myBids'], ['/agency/services', 'nav.services'], ['/agency/practitioners', 'nav.practitioners'], ['/agency/admission', 'nav.admission'], ['/agency/credit', 'nav.myCredit'], ['/agency/objections', 'nav.objections'], ['/profile', 'nav.profile']],
  authority: [['/authority', 'nav.myHome'], ['/inbox', 'nav.inbox'], ['/authority/spot-checks', 'nav.spotChecks'], ['/authority/statistics', 'nav.statistics'], ['/profile', 'nav.profile']],
  market_office: [['/office', 'nav.myHome'], ['/inbox', 'nav.inbox'], ['/office/approvals', 'nav.approvals'], ['/office/rules', 'nav.rules'], ['/office/credit', 'nav.creditRules'], ['/office/blacklist', 'nav.sanctions'], ['/office/petitions', 'nav.petitions'], ['/office/complaints', 'nav.complaints'], ['/office/payments', 'nav.payments'], ['/office/audit', 'nav.audit'], ['/office/jobs', 'nav.jobs'], ['/office/outbox', 'nav.outbox']],
}

export function Layout({ children }: { children: React.ReactNode }) {
  const t = useT()
  const data = useRootData()
  const user = data?.user
  const links: Array<[string, MessageKey]> = [
    ['/', 'nav.home'],
    ['/procurements', 'nav.procurements'],
    ['/agencies', 'nav.directory'],
    ['/credit', 'nav.credit'],
    ['/statistics', 'nav.statistics'],
    ['/catalog', 'nav.catalog'],
    ['/calendar', 'nav.calendar'],
  ]
  // The signed-in role's own pages sit in a bar of their own, so the main bar keeps to one row.
  const work = user ? WORKSPACE[user.orgKind] : []
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              {'\u4e2d' /* the logo glyph, the same in both languages */}
            </span>
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.tagline')}</small>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
        <details className="nav-toggle">
          <summary>{t('nav.menu')}</summary>
          {work.length ? <WorkBody /> : null}
          <NavBody links={links} />
        </details>
        <div className="nav-wide">
          <NavBody links={links} />
        </div>
        {work.length ? (
          <div className="work-wide">
            <WorkBody />
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.fullName')} · {t('footer.office')}</p>
        <p>{t('footer.times')}</p>
        <p>
          <Link to="/draws/algorithm">{t('nav.draws')}</Link> · <Link to="/blacklist">{t('footer.blacklist')}</Link> · <Link to="/spot-checks">{t('footer.spotChecks')}</Link> · <Link to="/audit/anchors">{t('footer.anchors')}</Link> · <a href="/procurements/feed.xml">{t('footer.feed')}</a>
        </p>
      </footer>
    </>
  )

  function WorkBody() {
    return (
      <nav aria-label={t('nav.workspace')} className="work-nav">
        <ul>
          {work.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end>
                {t(key)}
                {to === '/inbox' && user?.unread ? (
                  <span className="count" aria-label={t('nav.unread', { n: user.unread })}>
                    {user.unread}
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    )
  }

  function NavBody({ links }: { links: Array<[string, MessageKey]> }) {
    return (
      <nav aria-label={t('nav.main')} className="nav">
        <ul>
          {links.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/'}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="nav-user">
          {user ? (
            <>
              <span className="who">
                {user.displayName} · {t(`role.${user.orgKind}`)}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">{t('nav.signIn')}</Link>
              <Link to="/signup" className="button small">
                {t('nav.signUp')}
              </Link>
            </>
          )}
        </div>
      </nav>
    )
  }
}

/** A plain form, so switching works without JavaScript too; the choice is remembered in a cookie. */
function LanguageSwitch() {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const other = locale === 'en' ? 'zh-CN' : 'en'
  return (
    // A whole page load: the browser holds one dictionary, and the new language brings its own.
    <Form method="post" action="/lang" className="lang-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" lang={other} aria-label={`${t('lang.switch')}: ${other === 'en' ? t('lang.en') : t('lang.zh')}`}>
        {other === 'en' ? t('lang.en') : t('lang.zh')}
      </button>
    </Form>
  )
}
