import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ObjectionStatus } from '~/components/objection-status'
import { TableWrap } from '~/components/field'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { objectionsOfAgency } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['cmp', 'obj', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'cmp.myTitle')

/** The agency's objections and the complaints they became, newest first, each with what is due next. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'create:bid:own')
  const { db } = await getApp()
  return { rows: await objectionsOfAgency(db, session.org.id) }
}

export default function AgencyObjections() {
  const { rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <div className="page">
      <p className="eyebrow">{t('role.agency')}</p>
      <h1>{t('cmp.myTitle')}</h1>
      <p className="lead">{t('cmp.myIntro')}</p>
      {rows.length ? (
        <TableWrap label={t('cmp.myTitle')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cmp.procurement')}</th>
                <th scope="col">{t('cmp.matterLabel')}</th>
                <th scope="col">{t('cmp.state')}</th>
                <th scope="col">{t('cmp.raisedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/agency/objections/${o.id}`}>{o.title}</Link>
                    <div className="sub">{o.number}</div>
                  </th>
                  <td>{t(`obj.matter.${o.matter}`)}</td>
                  <td>
                    <ObjectionStatus status={o.status} complaint={o.complaintStatus} />
                  </td>
                  <td>{formatDateTime(o.raisedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{t('cmp.noneMine')}</p>
      )}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
