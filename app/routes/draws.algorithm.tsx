import type { MetaFunction } from '@remix-run/node'
import { DrawVerifier } from '~/components/draw-verifier'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/utils/i18n'
import { title } from '~/utils/meta'
import type { PageHandle } from '~/i18n/page-messages'

export const handle: PageHandle = { i18n: ['draw'] }

export const meta: MetaFunction = ({ matches }) => title(matches, 'draw.title')

const SEED_FORMAT = 'zjcs-draw-v1|<procurement id>|<purpose>|<hex secret>|<nonce1,nonce2,…>|<beacon>'

/** The published description of zjcs-draw-v1, and a verifier that runs in the reader's browser. */
export default function DrawAlgorithm() {
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('draw.title')}</h1>
      <p className="lead">{t('draw.intro')}</p>
      <section className="card" aria-labelledby="steps-title">
        <h2 id="steps-title">{t('draw.steps')}</h2>
        <ol className="steps">
          <li>{t('draw.step1')}</li>
          <li>{t('draw.step2')}</li>
          <li>
            {t('draw.step3')}
            <pre className="mono seed-format">{SEED_FORMAT}</pre>
          </li>
          <li>{t('draw.step4')}</li>
          <li>{t('draw.step5')}</li>
          <li>{t('draw.step6')}</li>
        </ol>
        <p className="hint">{t('draw.tools')}</p>
        <pre className="mono seed-format">npm run verify-draw -- https://…/draws/&lt;id&gt;/record.json{'\n'}python3 docs/draw/verify_draw.py record.json</pre>
      </section>
      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('draw.verifyTitle')}</h2>
        <DrawVerifier />
      </section>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
