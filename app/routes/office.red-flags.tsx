import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ConcentrationTable, FlagList, RuleTable, RuleTabs } from '~/components/red-flags'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import type { MessageKey } from '~/i18n'
import type { ActionReply } from '~/utils/action-reply'
import { intent, runIntents } from '~/utils/action.server'
import { getApp } from '~/utils/app.server'
import { requirePermission } from '~/utils/auth.server'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import * as s from '~/utils/services.server'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['flag', 'method', 'time'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'flag.title')

/** The flags to review with their evidence, the rules with their thresholds and reach, and each market's concentration. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:monitoring:any')
  const { db, clock } = await getApp()
  const counts = await s.openFlagCounts(db)
  // One rule's flags at a time (the first with any unless one is asked for), 50 at most.
  const asked = new URL(request.url).searchParams.get('rule')
  const rule = s.RED_FLAG_RULES.find((r) => r === asked) ?? s.RED_FLAG_RULES.find((r) => counts[r]) ?? s.RED_FLAG_RULES[0]
  const [open, dismissed, thresholds, shares] = await Promise.all([s.listRedFlags(db, 'open', 50, rule), s.listRedFlags(db, 'dismissed', 20), s.thresholdsOf(db), s.ruleShares(db)])
  const markets = await s.concentration(db, clock.now(), thresholds.concentration['*']!)
  // One row a market: its largest share (the query orders each market's agencies by wins).
  const cells = markets.filter((m, i) => markets.findIndex((x) => x.region === m.region && x.category === m.category) === i).slice(0, 30)
  const flags = [...open, ...dismissed]
  const orgIds = new Set<string>([...cells.map((c) => c.org), ...flags.flatMap((f) => [f.orgId ?? '', ...(Array.isArray(f.evidence.agencies) ? (f.evidence.agencies as string[]) : [])])])
  const names = await s.namesFor(db, { orgIds: [...orgIds].filter(Boolean), regions: [...cells.map((c) => c.region), ...flags.map((f) => String(f.evidence.region ?? ''))], categories: [...cells.map((c) => c.category), ...flags.map((f) => String(f.evidence.category ?? ''))] })
  const titles = await s.procurementTitles(db, flags.flatMap((f) => f.procurementIds.slice(0, 5)))
  const rules = s.RED_FLAG_RULES.map((rule) => {
    const meta = s.RULE_META[rule]
    return { rule, methods: meta.methods, unit: meta.threshold?.unit ?? null, perMethod: meta.threshold?.perMethod ?? false, min: meta.threshold?.min ?? 0, max: meta.threshold?.max ?? 0, startsOn: meta.startsOn, values: thresholds[rule], share: shares[rule]! }
  })
  return { rule, counts, open, dismissed, rules, cells, names, procurements: Object.fromEntries(titles) }
}

export const action = (args: ActionFunctionArgs) =>
  runIntents(args, {
    permission: 'update:monitoring:any',
    intents: {
      dismiss: intent({ run: async ({ app, actor, values }) => void (await s.dismissRedFlag(app.db, app.clock, actor, values.id ?? '', values.reason ?? '')) }),
      threshold: intent({ run: async ({ app, actor, values }) => void (await s.setRedFlagThreshold(app.db, app.clock, actor, { rule: values.rule ?? '', method: values.method ?? '', value: values.value ?? '' })) }),
    },
  })

export default function OfficeRedFlags() {
  const { rule, counts, open, dismissed, rules, cells, names, procurements } = useLoaderData<typeof loader>()
  const reply = useActionData<ActionReply>()
  const t = useT()
  return (
    <div className="page">
      <h1>{t('flag.title')}</h1>
      <p className="alert warn">{t('flag.notVerdict')}</p>
      <p className="lead">{t('flag.intro')}</p>
      {reply?.ok ? (
        <p className="alert ok" role="status">
          {t(`flag.done.${reply.intent}` as MessageKey)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">{t('flag.open')}</h2>
        <RuleTabs current={rule} counts={counts} />
        {open.length ? <FlagList flags={open} names={names} procurements={procurements} reply={reply} /> : <p className="muted">{t('flag.noneOpen')}</p>}
        {(counts[rule] ?? 0) > open.length ? <p className="hint">{t('flag.showing', { n: open.length, of: counts[rule] ?? 0 })}</p> : null}
      </section>
      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t('flag.rules')}</h2>
        <RuleTable rules={rules} reply={reply} />
      </section>
      <section className="card" aria-labelledby="hhi-title">
        <h2 id="hhi-title">{t('flag.hhiTitle')}</h2>
        <p className="hint">{t('flag.hhiHint')}</p>
        <ConcentrationTable cells={cells} names={names} />
      </section>
      {dismissed.length ? (
        <section className="card" aria-labelledby="dismissed-title">
          <h2 id="dismissed-title">{t('flag.dismissed')}</h2>
          <ul className="records">
            {dismissed.map((f) => (
              <li key={f.id}>
                <strong>{t(`flag.rule.${f.rule}` as MessageKey)}</strong> · {f.dismissReason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
