import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, TableWrap } from '~/components/field'
import { itemTermsForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { formatDateTime, formatFeeRange } from '~/utils/format'
import { useLocale, useT } from '~/utils/i18n'
import { allSpecialties, itemByCode, itemVersions, updateItemTerms } from '~/utils/services.server'
import { fenToYuanInput } from '../../services/shared/money'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['catalog', 'time'] }

async function load(request: Request, code: string | undefined) {
  const session = await requirePermission(request, 'update:catalog:any')
  const { db } = await getApp()
  const item = code ? await itemByCode(db, code) : null
  if (!item) throw new Response('Not found', { status: 404 })
  return { session, item }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { item } = await load(request, params.code)
  const { db } = await getApp()
  const [versions, specialties] = await Promise.all([itemVersions(db, item.id), allSpecialties(db)])
  return {
    item: { ...item, feeMin: item.feeMinFen === null ? '' : fenToYuanInput(item.feeMinFen), feeMax: item.feeMaxFen === null ? '' : fenToYuanInput(item.feeMaxFen) },
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), terms: v.terms })),
    specialties,
  }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:catalog:any',
    // Someone saved a newer version meanwhile: a conflict, not a mistake in the form.
    status: (reply) => (reply.formError === 'errors.staleVersion' ? 409 : undefined),
    intents: {
      save: intent({
        form: itemTermsForm,
        run: async ({ app, actor, request, values }, input) => {
          const { item } = await load(request, args.params.code)
          return { params: { version: await updateItemTerms(app.db, app.clock, actor, item.id, Number(values.version), input) } }
        },
      }),
    },
  })

export default function EditItem() {
  const { item, versions, specialties } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/catalog#${item.code.slice(0, 3)}`}>{t('nav.catalog')}</Link> · <span className="mono">{item.code}</span>
      </p>
      <h1>{t('catalog.editTitle', { name: en ? item.nameEn : item.nameZh })}</h1>
      <p className="lead">{t('catalog.editIntro')}</p>
      {data?.ok ? <p className="alert ok" role="status">{t('catalog.saved', data.params)}</p> : null}
      <CheckedForm key={item.version} spec={itemTermsForm} id="item" intent="save" reply={data} ownFailures className="card form">
        {(e, sent) => {
          // What was typed comes back after a failed save; else the item's terms as they stand.
          const v = (key: keyof typeof item & string) => sent[key] ?? String(item[key] ?? '')
          const ticked = data && !data.ok ? (data.lists?.specialties ?? []) : item.specialties
          return (
            <>
              <input type="hidden" name="version" value={item.version} />
              <div className="grid two">
                <Field label="catalog.nameZh" name="nameZh" required defaultValue={v('nameZh')} error={e.nameZh} />
                <Field label="catalog.nameEn" name="nameEn" required defaultValue={v('nameEn')} error={e.nameEn} />
                <Field label="catalog.standardDaysLabel" name="standardDays" type="number" min={1} max={250} required defaultValue={v('standardDays')} error={e.standardDays} />
                <Field label="catalog.legalBasis" name="legalBasis" required defaultValue={v('legalBasis')} error={e.legalBasis} />
                <Field label="catalog.authorityZh" name="authorityZh" required defaultValue={v('authorityZh')} error={e.authorityZh} />
                <Field label="catalog.authorityEn" name="authorityEn" required defaultValue={v('authorityEn')} error={e.authorityEn} />
                <Field label="catalog.feeMin" name="feeMin" inputMode="decimal" defaultValue={v('feeMin')} error={e.feeMin} />
                <Field label="catalog.feeMax" name="feeMax" inputMode="decimal" defaultValue={v('feeMax')} error={e.feeMax} />
              </div>
              <fieldset id="item-specialties" tabIndex={-1} data-invalid={e.specialties ? '' : undefined} className={e.specialties ? 'has-error' : undefined}>
                <legend>{t('catalog.specialties')}</legend>
                <div className="checks">
                  {specialties.map((s) => (
                    <label key={s.code}>
                      <input type="checkbox" name="specialties" value={s.code} defaultChecked={ticked.includes(s.code)} /> {en ? s.nameEn : s.nameZh}
                    </label>
                  ))}
                </div>
                {e.specialties ? <p className="error">{t(e.specialties)}</p> : null}
              </fieldset>
              <button type="submit" className="button" disabled={busy}>{t('catalog.save')}</button>
            </>
          )
        }}
      </CheckedForm>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('catalog.history')}</h2>
        <TableWrap label={t('catalog.history')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalog.version')}</th>
                <th scope="col">{t('catalog.changedAt')}</th>
                <th scope="col">{t('catalog.standardDays')}</th>
                <th scope="col">{t('catalog.fee')}</th>
                <th scope="col">{t('catalog.legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td className="num">{v.version}</td>
                  <td>{v.version === 1 ? '—' : formatDateTime(v.createdAt, locale)}</td>
                  <td className="num">{t('time.days', { n: v.terms.standardDays })}</td>
                  <td className="num">
                    {formatFeeRange(v.terms.feeMinFen, v.terms.feeMaxFen, locale) ?? t('catalog.noFee')}
                  </td>
                  <td>{v.terms.legalBasis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
