import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckedForm } from '~/components/checked-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DefinitionList, Field } from '~/components/field'
import { RegionSelect } from '~/components/region-select'
import { profileForm } from '~/forms/office'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useLocale, useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import { safeRedirect } from '~/utils/request.server'
import { organizationProfile, regionTree, updateProfile } from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['agency', 'auth', 'dash', 'profile'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'profile.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePermission(request, 'update:organization:own')
  const { db } = await getApp()
  const [profile, regions] = await Promise.all([organizationProfile(db, session.org.id), regionTree(db)])
  return { org: profile!.org, kind: session.org.kind, regions, back: safeRedirect(new URL(request.url).searchParams.get('back'), '/home') }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:organization:own',
    intents: {
      save: intent({
        form: profileForm,
        run: async ({ app, actor, values }, input) => {
          await updateProfile(app.db, app.clock, actor, input)
          const back = new URL(safeRedirect(values.back, '/home'), 'http://x')
          back.searchParams.set('saved', 'profile')
          return redirect(`${back.pathname}${back.search}`)
        },
      }),
    },
  })

export default function Profile() {
  const { org, regions, back } = useLoaderData<typeof loader>()
  const data = useActionData<ActionReply>()
  const busy = useNavigation().state === 'submitting'
  const t = useT()
  const en = useLocale() === 'en'
  return (
    <div className="page narrow">
      <h1>{t('profile.title')}</h1>
      <p className="lead">{t('profile.intro')}</p>
      <section className="card" aria-labelledby="fixed-title">
        <h2 id="fixed-title">{t('profile.fixed')}</h2>
        <DefinitionList items={[[t('dash.orgName'), en ? org.nameEn || org.nameZh : org.nameZh], [t('dash.uscc'), <span className="mono" key="u">{org.uscc}</span>]]} />
        <p className="hint">{t('profile.fixedHint')}</p>
      </section>
      <CheckedForm spec={profileForm} id="profile" intent="save" reply={data} ownFailures className="card form">
        {(e, sent) => {
          const v: Record<string, string | null | undefined> = data && !data.ok ? sent : org
          return (
          <>
        <input type="hidden" name="back" value={back} />
        <Field label="auth.orgNameEn" name="nameEn" maxLength={160} defaultValue={v.nameEn ?? ''} error={e.nameEn} />
        <Field label="agency.legalRep" name="legalRepresentative" required maxLength={40} defaultValue={v.legalRepresentative ?? ''} error={e.legalRepresentative} />
        <RegionSelect regions={regions} defaultValue={v.regionCode ?? ''} error={e.regionCode} />
        <Field label="agency.address" name="address" required maxLength={200} defaultValue={v.address ?? ''} error={e.address} />
        <Field label="auth.contactName" name="contactName" required maxLength={40} defaultValue={v.contactName ?? ''} error={e.contactName} />
        <div className="grid two">
          <Field label="auth.contactPhone" name="contactPhone" required type="tel" autoComplete="tel" defaultValue={v.contactPhone ?? ''} error={e.contactPhone} />
          <Field label="profile.contactEmail" name="contactEmail" required type="email" autoComplete="email" defaultValue={v.contactEmail ?? ''} error={e.contactEmail} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('profile.save')}
        </button>
          </>
          )
        }}
      </CheckedForm>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
