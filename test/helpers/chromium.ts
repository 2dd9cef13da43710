/** Debian's Chromium, driven by playwright-core (no browser download), as the browser tests use it. */
import { chromium, type Browser } from 'playwright-core'

/** Launches headless Chromium from /usr/bin/chromium (`.ci/run` installs it). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
