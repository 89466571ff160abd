import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useId } from 'react'
import { Announcement, StatusBadge } from '~/components/announcement'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, TableWrap } from '~/components/field'
import type { MessageKey } from '~/i18n'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime, formatYuan } from '~/utils/format'
import { fieldErrors, formValues, type FieldErrors } from '~/utils/forms'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { serializeAnnouncement, specialtyNames } from '~/utils/procurement-form.server'
import { assertSameOrigin, clientIp } from '~/utils/request.server'
import {
  allowedProcurementActions,
  amendmentSchema,
  amendProcurement,
  bidCountForOwner,
  cancelProcurement,
  DomainError,
  openedBids,
  ownerProcurement,
  publishProcurement,
} from '~/utils/services.server'

export const meta: MetaFunction = ({ matches }) => title(matches, 'own.detailTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'read:procurement:own')
  const { db } = await getApp()
  const found = await ownerProcurement(db, session.org.id, params.id ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  const { p } = found
  // Before opening the owner learns how many bids stand, nothing more; after it, the bids.
  const bidCount = p.status === 'published' ? await bidCountForOwner(db, session.org.id, p.id) : null
  const bids = p.openedAt ? await openedBids(db, p.id) : []
  return {
    announcement: serializeAnnouncement(found),
    specialties: await specialtyNames(db),
    actions: allowedProcurementActions('owner', p.status),
    bidCount,
    bids: bids.map((b) => ({ id: b.bid.id, agencyZh: b.agencyNameZh, agencyEn: b.agencyNameEn, uscc: b.agencyUscc, priceFen: b.bid.priceFen, committedDays: b.bid.committedDays, status: b.bid.status, submittedAt: b.bid.submittedAt.toISOString(), counts: b.bid.status === 'active' && b.bid.termsVersion === p.termsVersion })),
  }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; formError?: MessageKey; params?: Record<string, string | number> }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const session = await requirePermission(request, 'create:procurement:own')
  const { db, clock, queue } = await getApp()
  const values = formValues(await request.formData())
  const intent = values.intent ?? ''
  const actor = { userId: session.user.id, orgId: session.org.id, ip: clientIp(request) }
  const id = params.id ?? ''
  const fail = (errors: FieldErrors, formError: MessageKey = 'errors.form', extra: Record<string, string | number> = {}) => Response.json({ intent, errors, values, formError, params: extra } satisfies ActionData, { status: 400 })
  try {
    if (intent === 'publish') await publishProcurement(db, clock, queue, actor, id)
    else if (intent === 'cancel') await cancelProcurement(db, clock, actor, id, values.reason ?? '')
    else if (intent === 'amend') {
      const parsed = amendmentSchema.safeParse(values)
      if (!parsed.success) return fail(fieldErrors(parsed.error))
      await amendProcurement(db, clock, queue, actor, id, parsed.data)
    } else return fail({}, 'errors.illegalStep')
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return fail(error.field ? { [error.field]: error.code as MessageKey } : {}, error.field ? 'errors.form' : (error.code as MessageKey), error.params)
  }
  return { intent, errors: {}, values: {} } satisfies ActionData
}

export default function OwnerProcurement() {
  const { announcement, specialties, actions, bidCount, bids } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  const busy = useNavigation().state === 'submitting'
  const [search] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const ids = { reason: useId() }
  const { p } = announcement
  const errorsOf = (intent: string) => (data?.intent === intent ? data.errors : {})
  const valuesOf = (intent: string) => (data?.intent === intent && data.formError ? data.values : {})
  const done = data && !data.formError ? data.intent : search.get('saved') === 'draft' ? 'saved' : null
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/owner/procurements">{t('own.title')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="lead">
        {p.number ? <span className="mono">{p.number}</span> : t('own.draftNoNumber')} <StatusBadge status={p.status} />
      </p>
      {done ? (
        <p className="alert ok" role="status">
          {t(`own.done.${done}` as MessageKey)}
        </p>
      ) : null}
      {data?.formError && data.formError !== 'errors.form' ? <FormError error={data.formError} /> : null}

      {p.status === 'draft' ? (
        <section className="card" aria-labelledby="draft-title">
          <h2 id="draft-title">{t('own.preview')}</h2>
          <p>{t('own.previewIntro')}</p>
          <div className="actions">
            <Link to={`/owner/procurements/${p.id}/edit`} className="button secondary">
              {t('own.edit')}
            </Link>
            <Form method="post">
              <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
                {t('own.publish')}
              </button>
            </Form>
          </div>
          {data?.intent === 'publish' && data.errors.announcementDays ? <p className="error">{t(data.errors.announcementDays, data.params)}</p> : null}
          {data?.intent === 'publish' && data.errors.directAgencyUscc ? <p className="error">{t(data.errors.directAgencyUscc)}</p> : null}
        </section>
      ) : null}

      {p.status === 'published' ? (
        <section className="card" aria-labelledby="bids-title">
          <h2 id="bids-title">{t('own.sealedTitle')}</h2>
          <p className="big-number">{t('own.bidCount', { n: bidCount ?? 0 })}</p>
          <p className="hint">{t('own.sealedHint', { at: p.bidDeadline ? formatDateTime(p.bidDeadline, locale) : '' })}</p>
        </section>
      ) : null}

      {bids.length ? (
        <section className="card" aria-labelledby="opened-title">
          <h2 id="opened-title">{t('own.openedTitle', { n: bids.filter((b) => b.counts).length })}</h2>
          <TableWrap label={t('own.openedTitle', { n: bids.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dir.agency')}</th>
                  <th scope="col">{t('bid.price')}</th>
                  <th scope="col">{t('proc.committedDays')}</th>
                  <th scope="col">{t('own.bidState')}</th>
                </tr>
              </thead>
              <tbody>
                {bids.map((b) => (
                  <tr key={b.id} className={b.counts ? undefined : 'muted'}>
                    <td>
                      {en ? b.agencyEn : b.agencyZh}
                      <div className="mono sub muted">{b.uscc}</div>
                    </td>
                    <td className="num">{formatYuan(b.priceFen, locale)}</td>
                    <td className="num">{t('catalog.days', { n: b.committedDays })}</td>
                    <td>{t(b.counts ? 'own.bidCounts' : `bid.status.${b.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {p.status === 'selecting' ? <p className="hint">{t('own.selectionNext')}</p> : null}
        </section>
      ) : null}

      {actions.includes('amend') ? (
        <details className="card" open={data?.intent === 'amend' && !!data.formError}>
          <summary>
            <h2 className="inline-heading">{t('own.amendTitle')}</h2>
          </summary>
          <p className="hint">{t('own.amendHint')}</p>
          <Form method="post" className="form" noValidate>
            <div className="grid two">
              <Field label="proc.maxPrice" name="maxPrice" inputMode="decimal" required defaultValue={valuesOf('amend').maxPrice ?? String(p.maxPriceFen / 100)} error={errorsOf('amend').maxPrice} />
              <Field label="proc.floorPrice" name="floorPrice" inputMode="decimal" defaultValue={valuesOf('amend').floorPrice ?? (p.floorPriceFen === null ? '' : String(p.floorPriceFen / 100))} error={errorsOf('amend').floorPrice} />
            </div>
            <Field label="proc.expectedDays" name="expectedDays" type="number" min={1} max={250} required defaultValue={valuesOf('amend').expectedDays ?? String(p.expectedDays)} error={errorsOf('amend').expectedDays} />
            <Field label="own.amendReason" name="reason" required maxLength={500} defaultValue={valuesOf('amend').reason} error={errorsOf('amend').reason} />
            <button type="submit" name="intent" value="amend" className="button secondary" disabled={busy}>
              {t('own.amend')}
            </button>
          </Form>
        </details>
      ) : null}

      <Announcement data={announcement} specialtyNames={specialties} />

      {actions.includes('cancel') ? (
        <details className="card danger-zone" open={data?.intent === 'cancel' && !!data.formError}>
          <summary>
            <h2 className="inline-heading">{t('own.cancelTitle')}</h2>
          </summary>
          <Form method="post" className="form" noValidate>
            <div className={`field${errorsOf('cancel').reason ? ' has-error' : ''}`}>
              <label htmlFor={ids.reason}>{t('own.cancelReason')}</label>
              <textarea id={ids.reason} name="reason" rows={3} maxLength={500} defaultValue={valuesOf('cancel').reason} aria-invalid={errorsOf('cancel').reason ? true : undefined} />
              {errorsOf('cancel').reason ? <p className="error">{t(errorsOf('cancel').reason!)}</p> : null}
            </div>
            <button type="submit" name="intent" value="cancel" className="button danger" disabled={busy}>
              {t('own.cancel')}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
