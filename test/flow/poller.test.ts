import { expect } from '@open-wc/testing';
import { DEFAULT_POLL, pollUntilLinked, type Visibility } from '../../src/flow/index.js';
import { LinkError, type Connection } from '../../src/model/index.js';
import { ManualClock, connection, deferred, flush } from './fakes.js';

function visibility(hidden = false) {
  const listeners = new Set<() => void>();
  const state = { hidden };
  const v: Visibility = {
    hidden: () => state.hidden,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    v,
    listeners,
    set(hiddenNow: boolean) {
      state.hidden = hiddenNow;
      for (const listener of [...listeners]) listener();
    },
  };
}

describe('pollUntilLinked', () => {
  it('defaults to 0.5 s doubling to 5 s, a minute in all', () => {
    expect(DEFAULT_POLL).to.deep.equal({ initial: 500, max: 5000, deadline: 60000 });
  });

  it('reports each connection that is not linked yet, and settles on the linked one', async () => {
    const clock = new ManualClock();
    const answers = [connection('c', 'pending'), connection('c', 'deauthorized'), connection('c', 'linked')];
    const updates: string[] = [];
    const handle = pollUntilLinked({
      request: async () => answers.shift()!,
      clock,
      visibility: visibility().v,
      onUpdate: (c) => updates.push(c.status),
    });
    await clock.advance(1500);
    expect((await handle.done).status).to.equal('linked');
    expect(updates).to.deep.equal(['pending', 'deauthorized']);
    expect(clock.pending).to.equal(0);
  });

  it('waits for the page to show when it starts hidden', async () => {
    const clock = new ManualClock();
    const page = visibility(true);
    let requests = 0;
    const handle = pollUntilLinked({
      request: async () => {
        requests += 1;
        return connection('c', 'linked');
      },
      clock,
      visibility: page.v,
      settings: { deadline: 1000 },
    });
    await clock.advance(10_000);
    expect(requests).to.equal(0);
    page.set(false);
    expect((await handle.done).status).to.equal('linked');
    expect(requests).to.equal(1);
    expect(page.listeners.size).to.equal(0);
  });

  it('treats a request that throws at once like one that rejects', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const handle = pollUntilLinked({
      request: () => {
        calls += 1;
        if (calls === 1) throw new LinkError('network', 'offline');
        return Promise.resolve(connection('c', 'linked'));
      },
      clock,
      visibility: visibility().v,
    });
    await clock.advance(500);
    expect((await handle.done).status).to.equal('linked');
    expect(calls).to.equal(2);
  });

  it('stop aborts the request in flight, rejects with cancelled, and sends nothing more', async () => {
    const clock = new ManualClock();
    const page = visibility();
    const held = deferred<Connection>();
    let signal: AbortSignal | undefined;
    let calls = 0;
    const handle = pollUntilLinked({
      request: (s) => {
        calls += 1;
        signal = s;
        return held.promise;
      },
      clock,
      visibility: page.v,
    });
    handle.stop();
    expect(signal?.aborted).to.equal(true);
    let error: unknown;
    try {
      await handle.done;
    } catch (e) {
      error = e;
    }
    expect((error as LinkError).code).to.equal('cancelled');
    held.resolve(connection('c', 'pending'));
    await clock.advance(60_000);
    await flush();
    expect(calls).to.equal(1);
    expect(page.listeners.size).to.equal(0);
    expect(clock.pending).to.equal(0);
  });
});
