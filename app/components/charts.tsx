import { useId } from 'react'

/**
 * Charts drawn as SVG on the server, each a figure with a title, a caption and its numbers in a
 * table beside it (for those who read rather than look, and for screen readers). No script draws
 * them, so they print and show before hydration.
 */

const PALETTE = ['#a61b1b', '#1a4fa0', '#106b3c', '#7a4b00', '#6b2fa0', '#0f6f7a', '#8a5a00', '#4a4a4a']
export const seriesColor = (i: number) => PALETTE[i % PALETTE.length]!

export interface LineSeries {
  name: string
  values: Array<number | null>
  /** drawn thicker, and named first in the legend (the winner, the viewer's own) */
  strong?: boolean
}

/**
 * Two drawings of each chart: one for a wide screen, one for a phone (below 640 px), where the
 * wide one would shrink its words to 6 px. The phone's is narrower, with larger words and fewer
 * x labels; CSS shows one of them, so only one is in the accessibility tree.
 */
interface Size {
  W: number
  font: number
  className: string
}
const SIZES: Record<'wide' | 'narrow', Size> = {
  wide: { W: 640, font: 11, className: 'chart-wide' },
  narrow: { W: 340, font: 12, className: 'chart-narrow' },
}

/** A chart's frame: its title and caption, which label its drawings. */
function ChartFigure({ id, title, caption, children }: { id: string; title: string; caption?: string; children: React.ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>
        <strong>{title}</strong>
        {caption ? <span className="muted sub block">{caption}</span> : null}
      </figcaption>
      {children}
    </figure>
  )
}

/** About how wide a text draws: a CJK character is about one em, a Latin one about 0.62 em. */
const textWidth = (text: string, font: number) => [...text].reduce((a, c) => a + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.62), 0) * font

/** Lines over the same x labels (rounds, months); y grows upwards from the smallest value shown. */
export function LineChart({ title, caption, xLabels, series, format }: { title: string; caption?: string; xLabels: string[]; series: LineSeries[]; format: (v: number) => string }) {
  const id = useId()
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  if (!all.length) return null
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  if (lo === hi) [lo, hi] = [lo * 0.95, hi * 1.05 || 1]
  const ticks = [hi, (hi + lo) / 2, lo]
  const drawing = ({ W, font, className }: Size) => {
    const H = 260
    // Room for the longest tick label, and x labels thinned so that none overlaps the next.
    const pad = { left: Math.max(...ticks.map((v) => textWidth(format(Math.round(v)), font))) + 10, right: Math.max(16, textWidth(xLabels.at(-1) ?? '', font) / 2 + 4), top: 12, bottom: 34 }
    const span = W - pad.left - pad.right
    const widest = Math.max(...xLabels.map((l) => textWidth(l, font))) + 8
    const every = xLabels.length < 2 ? 1 : Math.max(1, Math.ceil(widest / (span / (xLabels.length - 1))))
    const x = (i: number) => pad.left + (xLabels.length === 1 ? 0 : (i * span) / (xLabels.length - 1))
    const y = (v: number) => pad.top + ((hi - v) * (H - pad.top - pad.bottom)) / (hi - lo)
    return (
      <svg className={className} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} preserveAspectRatio="xMinYMin meet">
        {ticks.map((v, i) => (
          <g key={i}>
            <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke="#d9dee7" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize={font} fill="#556070">
              {format(Math.round(v))}
            </text>
          </g>
        ))}
        {xLabels.map((l, i) =>
          // Counted back from the last, which is always shown (the latest month, the final round).
          (xLabels.length - 1 - i) % every === 0 ? (
            <text key={l} x={x(i)} y={H - 12} textAnchor="middle" fontSize={font} fill="#556070">
              {l}
            </text>
          ) : null,
        )}
        {series.map((s, i) => {
          const points = s.values.map((v, j) => (v === null ? null : `${x(j)},${y(v)}`)).filter(Boolean)
          return (
            <g key={s.name}>
              <polyline points={points.join(' ')} fill="none" stroke={seriesColor(i)} strokeWidth={s.strong ? 3.5 : 2} strokeLinejoin="round" />
              {s.values.map((v, j) => (v === null ? null : <circle key={j} cx={x(j)} cy={y(v)} r={s.strong ? 4 : 3} fill={seriesColor(i)} />))}
            </g>
          )
        })}
      </svg>
    )
  }
  return (
    <ChartFigure id={id} title={title} caption={caption}>
      {drawing(SIZES.wide)}
      {drawing(SIZES.narrow)}
      <ul className="legend">
        {series.map((s, i) => (
          <li key={s.name} className={s.strong ? 'strong' : undefined}>
            <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden="true" /> {s.name}
          </li>
        ))}
      </ul>
    </ChartFigure>
  )
}

export interface Bar {
  label: string
  /** stacked parts, in the order of `parts` */
  values: number[]
}

/** Horizontal bars, stacked by part (methods, budget and award), each labelled with its total. */
export function BarChart({ title, caption, parts, bars, format }: { title: string; caption?: string; parts: string[]; bars: Bar[]; format: (v: number) => string }) {
  const id = useId()
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((a, v) => a + v, 0)))
  const drawing = ({ W, font, className }: Size) => {
    const rowH = font * 2.3
    const width = (text: string) => textWidth(text, font)
    const labelW = Math.min(W * 0.35, Math.max(...bars.map((b) => width(b.label))) + 12)
    const valueW = Math.max(...bars.map((b) => width(format(b.values.reduce((a, v) => a + v, 0))))) + 12
    const H = bars.length * rowH + 8
    const scale = (v: number) => (v * (W - labelW - valueW)) / max
    return (
      <svg className={className} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => {
          let at = labelW
          const total = b.values.reduce((a, v) => a + v, 0)
          return (
            <g key={b.label} transform={`translate(0 ${i * rowH + 4})`}>
              <text x={labelW - 8} y={rowH / 2 + font / 3} textAnchor="end" fontSize={font} fill="#1d2433">
                {b.label}
              </text>
              {b.values.map((v, j) => {
                const w = scale(v)
                const rect = <rect key={j} x={at} y={4} width={Math.max(0, w)} height={rowH - 8} fill={seriesColor(j)} rx="2" />
                at += w
                return rect
              })}
              <text x={at + 6} y={rowH / 2 + font / 3} fontSize={font} fill="#1d2433">
                {format(total)}
              </text>
            </g>
          )
        })}
      </svg>
    )
  }
  return (
    <ChartFigure id={id} title={title} caption={caption}>
      {drawing({ ...SIZES.wide, font: 12 })}
      {drawing({ ...SIZES.narrow, font: 13 })}
      {parts.length > 1 ? (
        <ul className="legend">
          {parts.map((p, i) => (
            <li key={p}>
              <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden="true" /> {p}
            </li>
          ))}
        </ul>
      ) : null}
    </ChartFigure>
  )
}
