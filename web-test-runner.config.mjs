import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findBrowsers } from './scripts/browsers.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { testServerMiddleware } from './test/server/middleware.mjs';
import { countReporter } from './test/server/count-reporter.mjs';
import { minifyLiterals } from './scripts/literals.mjs';

const only = process.env.LF_BROWSERS ? process.env.LF_BROWSERS.split(',') : ['chromium', 'firefox'];
const paths = findBrowsers();

const browsers = [];
/** The launcher names every browser "Chrome"; give each its own name in the report. */
const named = (launcher, name) => Object.assign(launcher, { name });

if (only.includes('chromium')) {
  browsers.push(
    named(
      chromeLauncher({ launchOptions: { executablePath: paths.chrome, headless: true, args: CHROME_ARGS } }),
      'Chromium',
    ),
  );
}
if (only.includes('firefox')) {
  browsers.push(
    named(
      chromeLauncher({
        launchOptions: {
          browser: 'firefox',
          executablePath: paths.firefox,
          headless: true,
          extraPrefsFirefox: {
            'network.proxy.type': 0,
            'browser.safebrowsing.malware.enabled': false,
            'browser.safebrowsing.phishing.enabled': false,
            'app.update.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
            'network.captive-portal-service.enabled': false,
            'network.connectivity-service.enabled': false,
          },
        },
      }),
      'Firefox',
    ),
  );
}

/** The build's template minification (scripts/literals.mjs), before TypeScript: the tests run the templates that ship. */
const literals = {
  name: 'linkflow-literals',
  async transform(context) {
    if (!/^\/src\/.*\.ts$/.test(context.path) || !/\b(?:css|html|svg)`/.test(context.body)) return undefined;
    return { body: await minifyLiterals(context.body, context.path) };
  },
};

export default {
  files: process.env.LF_FILES ? process.env.LF_FILES.split(',') : ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  browsers,
  // One page per browser at a time: a background tab gets no animation frames, and fixtures wait for one.
  concurrency: 1,
  concurrentBrowsers: 2,
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 20000 } },
  middleware: testServerMiddleware,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter(process.env.LF_COUNTS_FILE)],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').startsWith('Lit is in dev mode'),
  plugins: [literals, esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
};
