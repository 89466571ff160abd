import fs from 'node:fs'

/**
 * The browser the journeys drive: CHROMIUM_PATH if set, else Debian's headless shell where it is
 * installed (the same engine without the desktop browser's extras, and lighter; CI installs it),
 * else Debian's Chromium.
 */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium'
}
