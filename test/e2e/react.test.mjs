// examples/react, a React 19 app on the packed tarball using linkflow/react inside StrictMode, built
// with Vite in development mode (where StrictMode mounts everything twice) and driven in Chromium.
import { describe, test } from 'node:test';
import { exampleAppTests } from './example-app.mjs';
import { runIn } from './pack.mjs';

describe('the React example on the packed package', () => {
  const app = exampleAppTests({
    name: 'react',
    // React's development build, where StrictMode runs every mount effect twice.
    build: (dir) =>
      runIn(dir, 'vite', ['build', '--mode', 'development', '--logLevel', 'error'], { NODE_ENV: 'development' }),
    mounts: 2,
    mountStory: 'StrictMode mounts the app twice',
    listener: 'callback',
  });

  test('type-checks against the packed typings (the wrappers, and JSX for the raw tags)', () => {
    runIn(app.dir(), 'tsc', ['--noEmit', '-p', '.']);
  });
});
