/**
 * The JavaScript each page makes the browser load, gzipped, from the production build's manifest:
 * `npx tsx tests/load/bundle-sizes.ts [build dir]` prints one line per route, largest first.
 * tests/unit/bundle-size.test.ts holds the limits.
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { wordsSize } from './page-words'

interface ManifestRoute { id: string; parentId?: string; module: string; imports?: string[] }
interface Manifest { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> }

export function readManifest(publicDir = 'public'): Manifest {
  const dir = path.join(publicDir, 'build')
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/i.test(f))
  if (!file) throw new Error(`no manifest in ${dir}: run \`npm run build\``)
  const text = fs.readFileSync(path.join(dir, file), 'utf8')
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest
}

/**
 * Every page's JavaScript, gzipped bytes: the entry, each route from the root down to it with
 * their imports; and the words the document carries for it (tests/load/page-words.ts).
 */
export function pageSizes(publicDir = 'public'): Array<{ route: string; gzip: number; js: number; words: number; files: number; urls: string[] }> {
  const manifest = readManifest(publicDir)
  const sizeOf = new Map<string, number>()
  const gz = (url: string) => {
    if (!sizeOf.has(url)) sizeOf.set(url, gzipSync(fs.readFileSync(path.join(publicDir, url))).length)
    return sizeOf.get(url)!
  }
  return Object.values(manifest.routes)
    .map((route) => {
      const chain: ManifestRoute[] = []
      for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.push(r)
      const files = new Set([manifest.entry.module, ...manifest.entry.imports, ...chain.flatMap((r) => [r.module, ...(r.imports ?? [])])])
      const js = [...files].reduce((sum, f) => sum + gz(f), 0)
      const words = wordsSize(route.id === 'root' ? null : route.id)
      return { route: route.id, gzip: js + words, js, words, files: files.size, urls: [...files] }
    })
    .sort((a, b) => b.gzip - a.gzip)
}

/** The pages whose JavaScript holds this text (e.g. a library's own name for its errors). */
export function pagesShipping(text: string, publicDir = 'public'): string[] {
  return pageSizes(publicDir)
    .filter((page) => page.urls.some((url) => fs.readFileSync(path.join(publicDir, url), 'utf8').includes(text)))
    .map((page) => page.route)
    .sort()
}

if (process.argv[1]?.endsWith('bundle-sizes.ts')) {
  process.stdout.on('error', () => process.exit(0))
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`
  console.log('  total  =     code +    words  files  page')
  for (const { route, gzip, js, words, files } of pageSizes(process.argv[2])) console.log(`${kb(gzip)} = ${kb(js)} + ${kb(words)}  ${String(files).padStart(5)}  ${route}`)
}
