import { expect } from '@open-wc/testing';
import { DEFAULT_POLL, pollUntilLinked } from '../../src/flow/index.js';
import { LinkError, type Connection } from '../../src/model/index.js';
import { ManualClock, connection, deferred, fakeWindow, flush } from './fakes.js';

/** A page to poll in, hidden or not, the controller that stops the poll, and what the poll ended with. */
function page(hidden = false) {
  const w = fakeWindow();
  if (hidden) w.setHidden(true);
  const controller = new AbortController();
  const ends: Array<Connection | LinkError> = [];
  return {
    w,
    controller,
    signal: controller.signal,
    document: w.win.document,
    ends,
    /** Records the end, and lets go of the page as an owner must. */
    onEnd: (answer: Connection | LinkError) => {
      ends.push(answer);
      controller.abort();
    },
  };
}

describe('pollUntilLinked', () => {
  it('defaults to 0.5 s doubling to 5 s, a minute in all', () => {
    expect(DEFAULT_POLL).to.deep.equal({ initial: 500, max: 5000, deadline: 60000 });
  });

  it('reports each connection that is not linked yet, and ends with the linked one', async () => {
    const clock = new ManualClock();
    const answers = [connection('c', 'pending'), connection('c', 'deauthorized'), connection('c', 'linked')];
    const updates: string[] = [];
    const p = page();
    pollUntilLinked({
      request: async () => answers.shift()!,
      clock,
      signal: p.signal,
      document: p.document,
      onUpdate: (c) => updates.push(c.status),
      onEnd: p.onEnd,
    });
    await clock.advance(1500);
    expect(p.ends.map((answer) => (answer as Connection).status)).to.deep.equal(['linked']);
    expect(updates).to.deep.equal(['pending', 'deauthorized']);
    expect(clock.pending).to.equal(0);
    expect(p.w.listeners.visibilitychange).to.equal(0);
  });

  it('waits for the page to show when it starts hidden', async () => {
    const clock = new ManualClock();
    const p = page(true);
    let requests = 0;
    pollUntilLinked({
      request: async () => {
        requests += 1;
        return connection('c', 'linked');
      },
      clock,
      signal: p.signal,
      document: p.document,
      settings: { deadline: 1000 },
      onUpdate: () => undefined,
      onEnd: p.onEnd,
    });
    await clock.advance(10_000);
    expect(requests).to.equal(0);
    expect(p.ends).to.deep.equal([]);
    p.w.setHidden(false);
    await flush();
    expect(p.ends.map((answer) => (answer as Connection).status)).to.deep.equal(['linked']);
    expect(requests).to.equal(1);
    expect(p.w.listeners.visibilitychange).to.equal(0);
  });

  it('treats a request that throws at once like one that rejects', async () => {
    const clock = new ManualClock();
    const p = page();
    let calls = 0;
    pollUntilLinked({
      request: () => {
        calls += 1;
        if (calls === 1) throw new LinkError('network', 'offline');
        return Promise.resolve(connection('c', 'linked'));
      },
      clock,
      signal: p.signal,
      document: p.document,
      onUpdate: () => undefined,
      onEnd: p.onEnd,
    });
    await clock.advance(500);
    expect(p.ends.map((answer) => (answer as Connection).status)).to.deep.equal(['linked']);
    expect(calls).to.equal(2);
  });

  it('ends with the first error that is neither retryable nor not-found, and with timeout at the deadline', async () => {
    const clock = new ManualClock();
    const fatal = page();
    pollUntilLinked({
      request: () => Promise.reject(new LinkError('unauthorized', 'no')),
      clock,
      signal: fatal.signal,
      document: fatal.document,
      onUpdate: () => undefined,
      onEnd: fatal.onEnd,
    });
    await flush();
    expect(fatal.ends.map((answer) => (answer as LinkError).code)).to.deep.equal(['unauthorized']);

    const late = page();
    pollUntilLinked({
      request: () => Promise.reject(new LinkError('not-found', 'not yet')),
      clock,
      signal: late.signal,
      document: late.document,
      settings: { deadline: 1000 },
      onUpdate: () => undefined,
      onEnd: late.onEnd,
    });
    await clock.advance(1000);
    expect(late.ends.map((answer) => (answer as LinkError).code)).to.deep.equal(['timeout']);
    expect(((late.ends[0] as LinkError).cause as LinkError).code).to.equal('not-found');
    expect(clock.pending).to.equal(0);
  });

  it('stops when its signal aborts: the request in flight aborts, nothing is called back or sent', async () => {
    const clock = new ManualClock();
    const p = page();
    const held = deferred<Connection>();
    let signal: AbortSignal | undefined;
    let calls = 0;
    let updates = 0;
    pollUntilLinked({
      request: (s) => {
        calls += 1;
        signal = s;
        return held.promise;
      },
      clock,
      signal: p.signal,
      document: p.document,
      onUpdate: () => (updates += 1),
      onEnd: p.onEnd,
    });
    p.controller.abort();
    expect(signal).to.equal(p.signal);
    expect(signal?.aborted).to.equal(true);
    held.resolve(connection('c', 'pending'));
    await clock.advance(60_000);
    await flush();
    expect(calls).to.equal(1);
    expect(updates).to.equal(0);
    expect(p.ends).to.deep.equal([]);
    expect(p.w.listeners.visibilitychange).to.equal(0);
    expect(clock.pending).to.equal(0);
  });
});
