/**
 * The words each page is sent (app/i18n/page-messages.tsx): the frame's namespaces and those its
 * routes declare in `handle.i18n`, against the namespaces its code uses, read from the browser
 * build's metafile (every source file in the page's chunks) and the route's own files.
 * `npx tsx tests/load/page-words.ts` prints, per page, what is declared and what is used.
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { en } from '../../app/i18n/en'
import { namespaceOf } from '../../app/i18n/index'
import { CORE_NAMESPACES } from '../../app/i18n/page-messages'
import { zh } from '../../app/i18n/zh'

const NAMESPACES = new Set(Object.keys(zh).map(namespaceOf))
const CORE = new Set<string>(CORE_NAMESPACES)

interface Metafile { outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }> }

/** The route's source file, from its id: `routes/calendar` is app/routes/calendar/route.tsx. */
export function routeSource(id: string): string {
  const flat = path.join('app', `${id}.tsx`)
  return fs.existsSync(flat) ? flat : path.join('app', id, 'route.tsx')
}

/** Namespaces a source names: a quoted key or a key's template head (`'proc.title'`, `"agency.address"`, `` `method.${m}` ``). */
function namespacesIn(file: string): string[] {
  if (!/^(app|services)\//.test(file) || file.startsWith('app/i18n/') || !/\.tsx?$/.test(file) || !fs.existsSync(file)) return []
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(/['"`]([a-z][a-zA-Z0-9]*)\./g)].map((m) => m[1]!).filter((ns) => NAMESPACES.has(ns))
}

/** What a route declares beyond the frame: the list in its `export const handle: PageHandle = { i18n: [...] }`. */
export function declaredNamespaces(id: string): string[] | null {
  const text = fs.readFileSync(routeSource(id), 'utf8')
  const match = /export const handle: PageHandle = \{ i18n: \[([^\]]*)\] \}/.exec(text)
  return match ? [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : null
}

/** Every route with a page (a default export), with the source files of its browser chunks. */
export function pageSources(buildDir = 'build'): Array<{ id: string; source: string; files: Set<string> }> {
  const meta = JSON.parse(fs.readFileSync(path.join(buildDir, 'metafile.js.json'), 'utf8')) as Metafile
  const chunksOf = (output: string, seen = new Set<string>()) => {
    if (seen.has(output)) return seen
    seen.add(output)
    for (const i of meta.outputs[output]!.imports) if (i.kind === 'import-statement') chunksOf(i.path, seen)
    return seen
  }
  const pages = []
  for (const [output, o] of Object.entries(meta.outputs)) {
    const entry = /^browser-route-module:(.+)\?browser$/.exec(o.entryPoint ?? '')?.[1]
    if (!entry || entry === 'root.tsx') continue
    const id = entry.replace(/(\/route)?\.tsx$/, '')
    const source = routeSource(id)
    if (!/^export default /m.test(fs.readFileSync(source, 'utf8'))) continue
    const files = new Set<string>()
    for (const chunk of chunksOf(output)) for (const input of Object.keys(meta.outputs[chunk]!.inputs)) files.add(input)
    pages.push({ id, source, files })
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id))
}

/** Every route with a page, with the namespaces its code uses beyond the frame. */
export function usedNamespaces(buildDir = 'build'): Array<{ id: string; used: string[]; declared: string[] | null }> {
  return pageSources(buildDir).map(({ id, source, files }) => {
    // The route's own files, loader and actions too: what they put in the page's data is shown by it.
    const own = source.endsWith('/route.tsx') ? fs.readdirSync(path.dirname(source)).map((f) => path.join(path.dirname(source), f)) : [source]
    const used = new Set([...files, ...own].flatMap(namespacesIn).filter((ns) => !CORE.has(ns)))
    return { id, used: [...used].sort(), declared: declaredNamespaces(id) }
  })
}

/** The page's words as sent in the larger of its two languages, gzipped. */
export function wordsSize(id: string | null): number {
  const namespaces = new Set([...CORE, ...(id ? (declaredNamespaces(id) ?? []) : [])])
  const pick = (dictionary: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(dictionary).filter(([key]) => namespaces.has(namespaceOf(key)))))
  return Math.max(gzipSync(pick(zh)).length, gzipSync(pick(en)).length)
}

if (process.argv[1]?.endsWith('page-words.ts')) {
  process.stdout.on('error', () => process.exit(0))
  for (const { id, used, declared } of usedNamespaces(process.argv[2])) console.log(`${id}\n  used:     ${used.join(' ')}\n  declared: ${declared?.join(' ') ?? '(none)'}`)
}
