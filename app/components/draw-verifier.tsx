import { useState } from 'react'
import type { DrawRecord } from '../../services/selection/draw'
import { useT } from '~/utils/i18n'

/**
 * Recomputes a zjcs-draw-v1 record in the browser with WebCrypto: nothing is sent anywhere. A
 * second implementation of the published algorithm, beside the server's and the Python one.
 */
const enc = new TextEncoder()
const toHex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)))

export async function recomputeInBrowser(record: DrawRecord) {
  const problems: string[] = []
  const commitment = toHex(await crypto.subtle.digest('SHA-256', fromHex(record.secret)))
  if (commitment !== record.commitment) problems.push('commitment')
  const nonces = record.candidates.map((c) => c.nonce).filter(Boolean).sort().join(',')
  const seed = await crypto.subtle.digest('SHA-256', enc.encode(`zjcs-draw-v1|${record.procurementId}|${record.purpose}|${record.secret}|${nonces}|${record.beacon ?? ''}`))
  const key = await crypto.subtle.importKey('raw', seed, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const scores = await Promise.all(record.candidates.map(async (c) => ({ key: c.key, score: toHex(await crypto.subtle.sign('HMAC', key, enc.encode(c.key))) })))
  for (const s of scores) if (s.score !== record.candidates.find((c) => c.key === s.key)?.score) problems.push(`score ${s.key}`)
  const order = [...scores].sort((a, b) => (a.score < b.score ? -1 : 1)).map((s) => s.key)
  if (order.join() !== record.order.join()) problems.push('order')
  if (record.winner !== undefined && record.winner !== order[0]) problems.push('winner')
  if (record.pick) {
    const mac = new DataView(await crypto.subtle.sign('HMAC', key, enc.encode('pick')))
    if (Number(mac.getBigUint64(0) % BigInt(record.pick.k)) !== record.pick.index) problems.push('pick')
  }
  if (record.algorithm !== 'zjcs-draw-v1') problems.unshift('algorithm')
  return { ok: problems.length === 0, problems, order }
}

export function DrawVerifier({ initial = '' }: { initial?: string }) {
  const t = useT()
  const [text, setText] = useState(initial)
  const [result, setResult] = useState<null | { ok: boolean; problems: string[]; order: string[] } | 'unreadable'>(null)
  const verify = async () => {
    try {
      setResult(await recomputeInBrowser(JSON.parse(text) as DrawRecord))
    } catch {
      setResult('unreadable')
    }
  }
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="draw-record">{t('draw.paste')}</label>
        <textarea id="draw-record" rows={8} className="mono" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </div>
      <button type="button" className="button" onClick={() => void verify()}>
        {t('draw.verify')}
      </button>
      <div role="status" aria-live="polite">
        {result === 'unreadable' ? (
          <p className="alert error">{t('draw.unreadable')}</p>
        ) : result ? (
          <p className={`alert ${result.ok ? 'ok' : 'error'}`}>{result.ok ? t('draw.ok', { order: result.order.join(' > ') }) : t('draw.mismatch', { what: result.problems.map((p) => (p.startsWith('score ') ? t('draw.part.score', { key: p.slice(6) }) : t(`draw.part.${p as 'commitment' | 'order' | 'winner' | 'pick' | 'algorithm'}`))).join(t('draw.partSeparator')) })}</p>
        ) : null}
      </div>
    </div>
  )
}

/** One published record, checked where it is listed: fetched from its public address and recomputed here. */
export function DrawCheck({ id }: { id: string }) {
  const t = useT()
  const [result, setResult] = useState<null | 'busy' | 'unreadable' | { ok: boolean; problems: string[] }>(null)
  const check = async () => {
    setResult('busy')
    try {
      const record = (await (await fetch(`/draws/${id}/record.json`)).json()) as DrawRecord
      setResult(await recomputeInBrowser(record))
    } catch {
      setResult('unreadable')
    }
  }
  return (
    <>
      <button type="button" className="button small secondary" onClick={() => void check()} disabled={result === 'busy'}>
        {t('draw.verify')}
      </button>
      <span role="status" aria-live="polite" className="draw-check">
        {result === 'unreadable' ? <span className="badge status-rejected">{t('draw.unreadableShort')}</span> : null}
        {result && typeof result === 'object' ? <span className={`badge ${result.ok ? 'ok' : 'status-rejected'}`}>{t(result.ok ? 'draw.okShort' : 'draw.mismatchShort')}</span> : null}
      </span>
    </>
  )
}
