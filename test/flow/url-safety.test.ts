import { expect } from '@open-wc/testing';
import { checkUrl, isLoopbackHost, isSafeUrl, MAX_URL_LENGTH } from '../../src/flow/index.js';
import { LinkError } from '../../src/model/index.js';

const ALLOWED = ['https://login.provider.example', 'https://auth.codat.io:443/ignored/path', 'https://bücher.example'];

/** [url, accepted without a list, accepted with ALLOWED, what it shows]. */
const TABLE: ReadonlyArray<readonly [string, boolean, boolean, string]> = [
  // Accepted.
  ['https://login.provider.example/authorize?state=abc', true, true, 'plain https on an allowed origin'],
  ['https://LOGIN.Provider.example/authorize', true, true, 'host case is normalized'],
  ['HTTPS://login.provider.example/x', true, true, 'scheme case is normalized'],
  ['https://login.provider.example:443/x', true, true, 'default port'],
  ['https://auth.codat.io/link?x=1#frag', true, true, 'allowed entry given with a path'],
  ['https://other.example/authorize', true, false, 'https off the list'],
  ['https://login.provider.example:8443/x', true, false, 'same host, other port, is another origin'],
  ['http://localhost:5173/consent', true, false, 'http on localhost'],
  ['http://127.0.0.1:8080/consent', true, false, 'http on 127.0.0.1'],
  ['http://127.45.0.9/consent', true, false, 'http anywhere in 127.0.0.0/8'],
  ['http://[::1]:3000/consent', true, false, 'http on [::1]'],
  ['https://localhost/consent', true, false, 'https on localhost'],
  ['https://xn--bcher-kva.example/login', false, true, 'punycode host only when listed'],
  ['https://login.provider.example/caf%C3%A9?q=a%20b', true, true, 'percent-encoded path and query'],
  ['https://login.provider.example/path/with;params?and=query&x=%2F', true, true, 'ordinary punctuation'],
  ['https://192.0.2.10/auth', true, false, 'https on an IP address'],
  // Refused: schemes.
  ['javascript:alert(1)', false, false, 'javascript:'],
  ['JavaScript:alert(1)', false, false, 'mixed-case javascript:'],
  ['java\tscript:alert(1)', false, false, 'a tab inside the scheme'],
  ['java\nscript:alert(1)', false, false, 'a newline inside the scheme'],
  ['data:text/html,<script>alert(1)</script>', false, false, 'data:'],
  ['vbscript:msgbox(1)', false, false, 'vbscript:'],
  ['file:///etc/passwd', false, false, 'file:'],
  ['blob:https://login.provider.example/0b0b', false, false, 'blob:'],
  ['ftp://login.provider.example/', false, false, 'ftp:'],
  ['about:blank', false, false, 'about:'],
  ['http://login.provider.example/authorize', false, false, 'plain http off loopback'],
  ['http://localhost.evil.example/', false, false, 'http on a host that only starts with localhost'],
  ['http://128.0.0.1/', false, false, 'http just outside 127/8'],
  // Refused: not absolute.
  ['/authorize?state=abc', false, false, 'relative path'],
  ['authorize', false, false, 'bare word'],
  ['//evil.example/authorize', false, false, 'protocol-relative'],
  ['https:evil.example', false, false, 'scheme without slashes'],
  ['https:/evil.example', false, false, 'scheme with one slash'],
  ['https:///evil.example', false, false, 'three slashes'],
  ['', false, false, 'empty'],
  // Refused: credentials.
  ['https://user:pass@login.provider.example/', false, false, 'user name and password'],
  ['https://user@login.provider.example/', false, false, 'user name only'],
  ['https://login.provider.example@evil.example/', false, false, 'allowed host as user name'],
  ['https://:@login.provider.example/', false, false, 'empty credentials'],
  // Refused: characters the parser would rewrite.
  [' https://login.provider.example/', false, false, 'leading space'],
  ['https://login.provider.example/ ', false, false, 'trailing space'],
  ['\nhttps://login.provider.example/', false, false, 'leading newline'],
  ['https://login.provider.example/\u0000', false, false, 'trailing NUL'],
  ['\u0001https://login.provider.example/', false, false, 'leading control character'],
  ['https://login.provider.example/a\tb', false, false, 'tab inside the path'],
  ['https://login.provider.example\\@evil.example/', false, false, 'backslash in the authority'],
  ['https:\\\\evil.example/', false, false, 'backslashes for slashes'],
  ['https://login.provider.example/a\\b', false, false, 'backslash in the path'],
  ['https://login.provider.example\u200b/', false, false, 'zero-width space in the host'],
  ['https://login.provider.example/\u202eevil', false, false, 'right-to-left override'],
  ['https://login.provider.example/\u00a0', false, false, 'no-break space'],
  ['https://login.provider.example/\ufeff', false, false, 'byte-order mark'],
  // Refused: hosts that are not what they look like.
  ['https://login.provider.example./authorize', false, false, 'trailing dot'],
  ['https://lоgin.provider.example/', false, false, 'Cyrillic o in the host (look-alike)'],
  ['https://xn--lgin-43d.provider.example/', false, false, 'the look-alike in punycode'],
  ['https://ｌogin.provider.example/', false, false, 'full-width letter the parser would fold'],
  ['https://%6cogin.provider.example/', false, false, 'percent-encoded host'],
  ['http://0x7f.1/', false, false, 'hex IPv4 the parser would rewrite to 127.0.0.1'],
  ['http://2130706433/', false, false, 'decimal IPv4'],
  ['http://[0:0:0:0:0:0:0:1]/', false, false, 'long-form IPv6 loopback'],
  ['https://login.provider.example:99999/', false, false, 'port out of range'],
  ['https://login.provider.example:44x/', false, false, 'port with letters'],
  ['https://[::1/', false, false, 'unclosed IPv6'],
  ['https://login.provider.example.evil.example/', true, false, 'allowed host as a prefix'],
  ['https://evil.example/https://login.provider.example/', true, false, 'allowed origin in the path'],
  ['https://evil.example/?next=https://login.provider.example', true, false, 'allowed origin in the query'],
  // Length.
  [`https://login.provider.example/?q=${'a'.repeat(MAX_URL_LENGTH)}`, false, false, 'longer than 8 KB'],
  [`https://login.provider.example/?q=${'a'.repeat(MAX_URL_LENGTH - 40)}`, true, true, 'just under 8 KB'],
];

describe('checkUrl', () => {
  it('has a table of at least forty addresses, good and bad', () => {
    expect(TABLE.length).to.be.at.least(40);
    expect(TABLE.filter(([, open]) => open).length).to.be.at.least(10);
    expect(TABLE.filter(([, open, listed]) => !open && !listed).length).to.be.at.least(30);
  });

  for (const [url, open, listed, what] of TABLE) {
    const shown = JSON.stringify(url.length > 80 ? `${url.slice(0, 60)}…(${url.length})` : url);
    it(`${open ? 'accepts' : 'refuses'} ${what} with no list: ${shown}`, () => {
      expect(isSafeUrl(url), what).to.equal(open);
      if (open) {
        expect(checkUrl(url)).to.be.instanceOf(URL);
      } else {
        let thrown: unknown;
        try {
          checkUrl(url);
        } catch (error) {
          thrown = error;
        }
        expect(LinkError.is(thrown), what).to.equal(true);
        expect((thrown as LinkError).code).to.equal('unsafe-url');
        expect((thrown as LinkError).retryable).to.equal(false);
      }
    });
    it(`${listed ? 'accepts' : 'refuses'} ${what} with allowed origins: ${shown}`, () => {
      expect(isSafeUrl(url, { allowedOrigins: ALLOWED }), what).to.equal(listed);
    });
  }

  it('answers the parsed, normalized URL', () => {
    const url = checkUrl('HTTPS://Login.Provider.Example:443/a/../authorize?x=1');
    expect(url.href).to.equal('https://login.provider.example/authorize?x=1');
    expect(url.origin).to.equal('https://login.provider.example');
  });

  it('never repeats the URL (which may carry a one-time token) in its error', () => {
    try {
      checkUrl('http://provider.example/authorize?token=tok_SECRET_123');
      expect.fail('should throw');
    } catch (error) {
      const linkError = error as LinkError;
      expect(linkError.code).to.equal('unsafe-url');
      expect(JSON.stringify(linkError)).not.to.contain('tok_SECRET_123');
      expect(linkError.message).not.to.contain('provider.example');
    }
  });

  it('treats an empty list as no list, and a list of invalid entries as allowing nothing', () => {
    expect(isSafeUrl('https://any.example/', { allowedOrigins: [] })).to.equal(true);
    expect(isSafeUrl('https://any.example/', { allowedOrigins: ['any.example', 'not a url'] })).to.equal(false);
    expect(isSafeUrl('https://any.example/', { allowedOrigins: ['javascript:alert(1)'] })).to.equal(false);
  });

  it('refuses anything that is not a string', () => {
    expect(isSafeUrl(undefined)).to.equal(false);
    expect(isSafeUrl(null)).to.equal(false);
    expect(isSafeUrl(new URL('https://a.example/'))).to.equal(false);
    expect(() => checkUrl(42 as unknown as string)).to.throw(LinkError);
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and [::1], nothing else', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.255.254', '[::1]'])
      expect(isLoopbackHost(host), host).to.equal(true);
    for (const host of ['localhost.example', '127.0.0.256', '128.0.0.1', '[::2]', '0.0.0.0', 'example.com']) {
      expect(isLoopbackHost(host), host).to.equal(false);
    }
  });
});
