import { expect } from '@open-wc/testing';
import {
  PENDING_STORAGE_KEY,
  PENDING_TTL_MS,
  PendingStore,
  cleanReturnUrl,
  createState,
  defaultReturnUrl,
  isState,
  memoryStorage,
  urlCarriesState,
  type PendingRecord,
} from '../../src/flow/index.js';
import { FakeSource, ManualClock, returnHref } from './fakes.js';

describe('createState', () => {
  it('makes 128 random bits as base64url, different every time', () => {
    const states = new Set(Array.from({ length: 200 }, () => createState()));
    expect(states.size).to.equal(200);
    for (const state of states) {
      expect(state).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(isState(state)).to.equal(true);
    }
  });

  it('uses crypto.getRandomValues', () => {
    const original = crypto.getRandomValues;
    let asked = 0;
    crypto.getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
      asked += (array as unknown as Uint8Array).length;
      (array as unknown as Uint8Array).fill(255);
      return array;
    };
    try {
      expect(createState()).to.equal('_____________________w');
    } finally {
      crypto.getRandomValues = original;
    }
    expect(asked).to.equal(16);
  });

  it('knows a state by its form: base64url, at least 128 bits', () => {
    expect(isState('short')).to.equal(false);
    expect(isState('has spaces in it but is long enough')).to.equal(false);
  });
});

describe('PendingStore', () => {
  const record = (state: string, startedAt: number, extra: Partial<PendingRecord> = {}): PendingRecord => ({
    state,
    integrationKey: 'xero',
    startedAt,
    returnUrl: 'https://app.example/settings',
    mode: 'redirect',
    ...extra,
  });

  it('writes records to the storage key and finds them by state', () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const store = new PendingStore(storage, () => clock.now());
    store.add(record('s-one', clock.now()));
    store.add(record('s-two', clock.now(), { mode: 'popup', connectionId: 'c1' }));
    const raw = JSON.parse(storage.getItem(PENDING_STORAGE_KEY)!) as PendingRecord[];
    expect(raw.map((r) => r.state)).to.deep.equal(['s-one', 's-two']);
    const found = store.find('s-two');
    expect(found.status).to.equal('pending');
    expect(found.status === 'pending' && found.record.connectionId).to.equal('c1');
    expect(store.find('nope').status).to.equal('unknown');
    expect(store.find(undefined).status).to.equal('unknown');
    expect(store.find('').status).to.equal('unknown');
  });

  it('marks a record used, so a second lookup says so', () => {
    const clock = new ManualClock();
    const store = new PendingStore(memoryStorage(), () => clock.now());
    store.add(record('s', clock.now()));
    store.markUsed('s');
    expect(store.find('s').status).to.equal('used');
  });

  it('expires a record after an hour and prunes it on the next write', async () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const store = new PendingStore(storage, () => clock.now());
    store.add(record('old', clock.now()));
    await clock.advance(PENDING_TTL_MS - 1);
    expect(store.find('old').status).to.equal('pending');
    await clock.advance(1);
    expect(store.find('old').status).to.equal('expired');
    store.add(record('new', clock.now()));
    expect(store.all().map((r) => r.state)).to.deep.equal(['new']);
  });

  it('removes records, and the key once none is left', () => {
    const storage = memoryStorage();
    const store = new PendingStore(storage);
    store.add(record('a', Date.now()));
    store.add(record('b', Date.now()));
    store.remove('a');
    expect(store.all().map((r) => r.state)).to.deep.equal(['b']);
    store.remove('b');
    expect(storage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('drops malformed or tampered entries instead of trusting them', () => {
    const storage = memoryStorage();
    storage.setItem(
      PENDING_STORAGE_KEY,
      JSON.stringify([
        { state: 'good', integrationKey: 'x', startedAt: Date.now(), returnUrl: 'https://a.example/', mode: 'popup' },
        {
          state: 'bad-mode',
          integrationKey: 'x',
          startedAt: Date.now(),
          returnUrl: 'https://a.example/',
          mode: 'iframe',
        },
        { state: 'no-time', integrationKey: 'x', returnUrl: 'https://a.example/', mode: 'redirect' },
        'junk',
      ]),
    );
    const store = new PendingStore(storage);
    expect(store.all().map((r) => r.state)).to.deep.equal(['good']);
    storage.setItem(PENDING_STORAGE_KEY, '{not json');
    expect(store.all()).to.deep.equal([]);
  });

  it('checks every field of a stored entry, and keeps only the known ones', () => {
    const now = Date.now();
    const good = { state: 's', integrationKey: 'x', startedAt: now, returnUrl: 'https://a.example/', mode: 'redirect' };
    const storage = memoryStorage();
    storage.setItem(
      PENDING_STORAGE_KEY,
      JSON.stringify([
        { ...good, state: 'full', integrationName: 'Xero', connectionId: 'c1', usedAt: now, extra: 'dropped' },
        { ...good, state: 'bare' },
        { ...good, state: '' },
        { ...good, state: 7 },
        { ...good, state: 'no-key', integrationKey: undefined },
        { ...good, state: 'key-number', integrationKey: 1 },
        { ...good, state: 'time-string', startedAt: String(now) },
        { ...good, state: 'url-null', returnUrl: null },
        { ...good, state: 'name-null', integrationName: null },
        { ...good, state: 'connection-number', connectionId: 3 },
        { ...good, state: 'used-string', usedAt: 'yes' },
        [good],
        null,
        42,
      ]),
    );
    const records = new PendingStore(storage).all();
    expect(records.map((r) => r.state)).to.deep.equal(['full', 'bare']);
    expect(records[0]).to.deep.equal({
      state: 'full',
      integrationKey: 'x',
      integrationName: 'Xero',
      connectionId: 'c1',
      startedAt: now,
      returnUrl: 'https://a.example/',
      mode: 'redirect',
      usedAt: now,
    });
    expect(records[1]).to.deep.equal({ ...good, state: 'bare' });
  });

  it('keeps records in memory when the storage throws', () => {
    const broken = {
      getItem(): string | null {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem(): void {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem(): void {},
    };
    const store = new PendingStore(broken);
    store.add(record('kept', Date.now()));
    expect(store.find('kept').status).to.equal('pending');
  });

  it('works on the real sessionStorage', () => {
    const store = new PendingStore(sessionStorage);
    const state = createState();
    store.add(record(state, Date.now()));
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.contain(state);
    store.remove(state);
    expect(store.find(state).status).to.equal('unknown');
  });
});

describe('return URLs', () => {
  const source = new FakeSource();
  const read = (url: URL) => source.readReturn(url);
  const state = 'AbCdEfGhIjKlMnOpQrStUv';

  it('defaults the return URL to the page without its fragment', () => {
    expect(defaultReturnUrl('https://app.example/settings?tab=apps#top')).to.equal(
      'https://app.example/settings?tab=apps',
    );
  });

  it('puts back the page as it was before the link, when the record knows it', () => {
    const url = new URL(returnHref('https://app.example/settings?tab=apps', { state, id: 'c1' }));
    const clean = cleanReturnUrl(url, read, state, {
      state,
      integrationKey: 'xero',
      startedAt: 0,
      returnUrl: 'https://app.example/settings?tab=apps',
      mode: 'redirect',
    });
    expect(clean).to.equal('https://app.example/settings?tab=apps');
  });

  it('strips return parameters (query and fragment) when no record is known, keeping the host’s own', () => {
    const url = new URL(`${returnHref('https://app.example/settings?tab=apps', { state, id: 'c1' })}&id=9&code=x`);
    expect(cleanReturnUrl(url, read, state)).to.equal('https://app.example/settings?tab=apps&code=x');
    const fragment = new URL('https://app.example/s?keep=1#state=AbCdEfGhIjKlMnOpQrStUv&lf_outcome=success&view=2');
    expect(cleanReturnUrl(fragment, read, state)).to.equal('https://app.example/s?keep=1#view=2');
  });

  it('falls back to the bare path when the reader still sees a return', () => {
    const stubborn = () => ({ outcome: 'success' as const });
    expect(cleanReturnUrl(new URL('https://app.example/s?x=1'), stubborn)).to.equal('https://app.example/s');
  });

  it('finds a state in a URL only as a whole token', () => {
    expect(urlCarriesState(`https://a.example/r?state=${state}`, state)).to.equal(true);
    expect(urlCarriesState(`https://a.example/r#x=${state}`, state)).to.equal(true);
    expect(urlCarriesState(`https://a.example/r?s=${encodeURIComponent(`a|${state}|b`)}`, state)).to.equal(true);
    expect(urlCarriesState(`https://a.example/r?state=${state}x`, state)).to.equal(false);
    expect(urlCarriesState(`https://a.example/r?state=x${state}`, state)).to.equal(false);
    expect(urlCarriesState('https://a.example/r', '')).to.equal(false);
    expect(urlCarriesState('https://a.example/r?x=short', 'short')).to.equal(false);
  });
});
