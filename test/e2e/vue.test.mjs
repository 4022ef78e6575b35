// examples/vue, a Vue 3 app on the packed tarball with the raw lf-* tags (isCustomElement), built with
// Vite and driven in Chromium; and its templates type-checked by vue-tsc against linkflow/vue.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleAppTests } from './example-app.mjs';
import { runIn } from './pack.mjs';

describe('the Vue example on the packed package', () => {
  const app = exampleAppTests({
    name: 'vue',
    build: (dir) => runIn(dir, 'vite', ['build', '--logLevel', 'error']),
    mounts: 1,
    mountStory: 'the app mounts once',
    listener: 'listener',
  });

  test('vue-tsc passes on the app: every prop and @lf-* listener fits the tag it is on', () => {
    runIn(app.dir(), 'vue-tsc', ['--noEmit', '-p', 'tsconfig.json']);
  });

  test('vue-tsc rejects a misspelt prop, a misspelt event and a prop of the wrong type', () => {
    let failure;
    try {
      runIn(app.dir(), 'vue-tsc', ['--noEmit', '-p', 'tsconfig.type-errors.json']);
    } catch (error) {
      failure = error;
    }
    assert.ok(failure, 'vue-tsc passed on type-errors/');
    assert.notEqual(failure.status, 0);
    const out = `${failure.stdout}${failure.stderr}`;
    const errorsIn = (file) => out.split('\n').filter((line) => line.startsWith(`type-errors/${file}(`));
    assert.match(errorsIn('WrongProp.vue').join('\n'), /'mood' does not exist/);
    assert.match(
      errorsIn('WrongEvent.vue').join('\n'),
      /'onLfLinkd' does not exist.*Did you mean to write 'onLfLinked'\?/,
    );
    assert.match(
      errorsIn('WrongType.vue').join('\n'),
      /Type 'string' is not assignable to type '\{ key: string; name: string;/,
    );
    assert.equal(out.split('\n').filter((line) => /^\S.*: error TS/.test(line)).length, 3, out);
  });
});
