// Finds the browsers the tests run in, installing Debian's when there are none and we may.
// Order: CHROME_PATH / FIREFOX_PATH, a system Chromium or Chrome and Firefox, Playwright's downloads,
// then (as root on Debian) `apt-get install chromium firefox-esr`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SYSTEM = {
  chrome: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  firefox: [
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/snap/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
};

function fromPath(names) {
  for (const name of names) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

function fromPlaywright(kind) {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  const prefix = kind === 'chrome' ? 'chromium-' : 'firefox-';
  const tail = kind === 'chrome' ? ['chrome-linux', 'chrome'] : ['firefox', 'firefox'];
  for (const dir of readdirSync(root)
    .filter((d) => d.startsWith(prefix))
    .sort()
    .reverse()) {
    const candidate = join(root, dir, ...tail);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function locate(kind) {
  const env = kind === 'chrome' ? process.env.CHROME_PATH : process.env.FIREFOX_PATH;
  if (env && existsSync(env)) return env;
  return (
    SYSTEM[kind].find((p) => existsSync(p)) ??
    fromPath(kind === 'chrome' ? ['chromium', 'chromium-browser', 'google-chrome'] : ['firefox-esr', 'firefox']) ??
    fromPlaywright(kind)
  );
}

function canApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

/** @returns {{ chrome: string, firefox: string }} */
export function findBrowsers({ install = true } = {}) {
  let chrome = locate('chrome');
  let firefox = locate('firefox');
  if ((!chrome || !firefox) && install && canApt()) {
    const packages = [!chrome && 'chromium', !firefox && 'firefox-esr'].filter(Boolean);
    console.error(`linkflow: installing ${packages.join(' and ')} with apt-get for the browser tests...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
    chrome = locate('chrome');
    firefox = locate('firefox');
  }
  const missing = [!chrome && 'Chromium or Chrome (or set CHROME_PATH)', !firefox && 'Firefox (or set FIREFOX_PATH)'];
  if (!chrome || !firefox) {
    throw new Error(
      `linkflow tests need ${missing.filter(Boolean).join(' and ')}: install them, e.g. \`apt-get install chromium firefox-esr\`.`,
    );
  }
  return { chrome, firefox };
}

/** The flags Chromium needs here: root, headless, and no background traffic on a closed network. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(JSON.stringify(findBrowsers()));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
