// Hostile authorization URLs: every one must be refused before anything navigates.

/** The origin the allow-list cases allow. */
export const ALLOWED_ORIGIN = 'https://id.example.com';

/** One hostile URL, and the allow-list it is checked against (none: any safe URL would do). */
export interface HostileUrl {
  readonly name: string;
  readonly url: string;
  readonly allowedOrigins?: readonly string[];
}

const allow = [ALLOWED_ORIGIN];
const long = (n: number) => 'a'.repeat(n);

/** At least 60 URLs a compromised or careless backend could answer as the link URL. */
export const HOSTILE_URLS: readonly HostileUrl[] = [
  // javascript:, in every disguise
  { name: 'javascript:', url: 'javascript:alert(1)' },
  { name: 'mixed-case JavaScript:', url: 'JavaScript:alert(1)' },
  { name: 'upper-case JAVASCRIPT:', url: 'JAVASCRIPT:alert(document.domain)' },
  { name: 'alternating case', url: 'jAvAsCrIpT:alert(1)//https://id.example.com' },
  { name: 'space before javascript:', url: ' javascript:alert(1)' },
  { name: 'tab before javascript:', url: '\tjavascript:alert(1)' },
  { name: 'newline before javascript:', url: '\njavascript:alert(1)' },
  { name: 'NUL before javascript:', url: '\u0000javascript:alert(1)' },
  { name: 'U+0001 before javascript:', url: '\u0001javascript:alert(1)' },
  { name: 'U+001F before javascript:', url: '\u001fjavascript:alert(1)' },
  { name: 'no-break space before javascript:', url: '\u00a0javascript:alert(1)' },
  { name: 'byte-order mark before javascript:', url: '\ufeffjavascript:alert(1)' },
  { name: 'zero-width space before javascript:', url: '\u200bjavascript:alert(1)' },
  { name: 'tab inside the scheme', url: 'java\tscript:alert(1)' },
  { name: 'newline inside the scheme', url: 'java\nscript:alert(1)' },
  { name: 'carriage return inside the scheme', url: 'java\rscript:alert(1)' },
  { name: 'HTML entity inside the scheme', url: 'jav&#x09;ascript:alert(1)' },
  { name: 'javascript: dressed as a URL', url: 'javascript://id.example.com/%0aalert(1)' },
  {
    name: 'javascript: followed by an allowed URL',
    url: 'javascript:https://id.example.com/authorize',
    allowedOrigins: allow,
  },
  { name: 'over-long javascript:', url: `javascript:alert(1)//${long(10_000)}` },
  // Schemes that are no web page
  { name: 'data: HTML', url: 'data:text/html,<script>alert(1)</script>' },
  { name: 'data: base64', url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
  { name: 'upper-case DATA:', url: 'DATA:text/html,hello' },
  { name: 'space before data:', url: ' data:text/html,hello' },
  { name: 'vbscript:', url: 'vbscript:msgbox(1)' },
  { name: 'mixed-case VBScript:', url: 'VBScript:MsgBox("x")' },
  { name: 'file: path', url: 'file:///etc/passwd' },
  { name: 'file: with a host', url: 'file://id.example.com/share/secret.txt' },
  { name: 'upper-case FILE:', url: 'FILE:///C:/Windows/win.ini' },
  { name: 'blob: of this page', url: `blob:${location.origin}/0d0f6a52-1111-4222-8333-944455556666` },
  {
    name: 'blob: of the allowed origin',
    url: 'blob:https://id.example.com/3f1c6d2e-1111-4222-8333-944455556666',
    allowedOrigins: allow,
  },
  { name: 'ftp:', url: 'ftp://id.example.com/authorize' },
  { name: 'ws:', url: 'ws://id.example.com/authorize' },
  { name: 'about:blank', url: 'about:blank' },
  { name: 'mailto:', url: 'mailto:someone@id.example.com' },
  { name: 'intent:', url: 'intent://scan/#Intent;scheme=zxing;end' },
  // Relative and protocol-relative
  { name: 'empty', url: '' },
  { name: 'absolute path', url: '/authorize?client=1' },
  { name: 'bare path', url: 'authorize' },
  { name: 'dot path', url: './authorize' },
  { name: 'parent path', url: '../../authorize' },
  { name: 'query only', url: '?state=abc' },
  { name: 'fragment only', url: '#access_token=abc' },
  { name: 'protocol-relative', url: '//evil.example/authorize' },
  { name: 'protocol-relative, three slashes', url: '///evil.example/authorize' },
  { name: 'protocol-relative to the allowed host', url: '//id.example.com/authorize', allowedOrigins: allow },
  { name: 'scheme without slashes', url: 'https:evil.example/authorize' },
  { name: 'scheme with one slash', url: 'https:/evil.example/authorize' },
  // Backslashes
  { name: 'UNC-style backslashes', url: '\\\\evil.example\\authorize' },
  { name: 'backslashes after the scheme', url: 'https:\\\\evil.example\\authorize' },
  { name: 'backslash before @', url: 'https://id.example.com\\@evil.example/', allowedOrigins: allow },
  { name: 'slash and backslash', url: 'https:/\\evil.example/authorize' },
  { name: 'path-absolute backslash', url: '/\\evil.example/authorize' },
  // Credentials in the authority
  { name: 'user:pass@host', url: 'https://user:pass@id.example.com/authorize' },
  { name: 'allowed host as user name', url: 'https://id.example.com@evil.example/authorize', allowedOrigins: allow },
  { name: 'user name only', url: 'https://user@id.example.com/authorize' },
  { name: 'empty user and password', url: 'https://:@id.example.com/authorize' },
  { name: 'port-like user name', url: 'https://id.example.com:443@evil.example/', allowedOrigins: allow },
  { name: 'encoded @ in the host', url: 'https://id.example.com%40evil.example/' },
  // Plain http off this machine, and hosts written to pass for loopback
  { name: 'plain http', url: 'http://id.example.com/authorize' },
  { name: 'plain http to an allowed https host', url: 'http://id.example.com/authorize', allowedOrigins: allow },
  { name: 'loopback look-alike subdomain', url: 'http://127.0.0.1.evil.example/authorize' },
  { name: 'localhost look-alike subdomain', url: 'http://localhost.evil.example/authorize' },
  { name: 'hex loopback', url: 'http://0x7f.0.0.1/authorize' },
  { name: 'decimal loopback', url: 'http://2130706433/authorize' },
  // Look-alike and internationalized hosts against the allow-list
  { name: 'another host', url: 'https://evil.example/authorize', allowedOrigins: allow },
  { name: 'allowed host as a prefix', url: 'https://id.example.com.evil.example/authorize', allowedOrigins: allow },
  { name: 'hyphen for a dot', url: 'https://id-example.com/authorize', allowedOrigins: allow },
  { name: 'digit 1 for letter l', url: 'https://id.examp1e.com/authorize', allowedOrigins: allow },
  { name: 'another top-level domain', url: 'https://id.example.co/authorize', allowedOrigins: allow },
  { name: 'another port', url: 'https://id.example.com:8443/authorize', allowedOrigins: allow },
  { name: 'trailing dot', url: 'https://id.example.com./authorize', allowedOrigins: allow },
  { name: 'trailing dot, no allow-list', url: 'https://id.example.com./authorize' },
  { name: 'Cyrillic і in the host', url: 'https://\u0456d.example.com/authorize', allowedOrigins: allow },
  { name: 'Cyrillic а in the host', url: 'https://id.ex\u0430mple.com/authorize', allowedOrigins: allow },
  { name: 'Cyrillic host, no allow-list', url: 'https://\u0456d.example.com/authorize' },
  { name: 'punycode look-alike', url: 'https://xn--d-xsb.example.com/authorize', allowedOrigins: allow },
  { name: 'punycode host, no allow-list', url: 'https://xn--d-xsb.example.com/authorize' },
  {
    name: 'enclosed letters that fold to the allowed host',
    url: 'https://\u24d8\u24d3.example.com/authorize',
    allowedOrigins: allow,
  },
  {
    name: 'fullwidth letters that fold to the allowed host',
    url: 'https://\uff49\uff44.example.com/authorize',
    allowedOrigins: allow,
  },
  { name: 'ideographic full stop', url: 'https://id.example\u3002com/authorize', allowedOrigins: allow },
  { name: 'percent-encoded dots', url: 'https://id%2Eexample%2Ecom/authorize', allowedOrigins: allow },
  { name: 'upper-case look-alike', url: 'https://ID.EXAMPLE.COM.EVIL.EXAMPLE/authorize', allowedOrigins: allow },
  // Characters that change what is navigated to
  { name: 'NUL inside the path', url: 'https://id.example.com/authorize\u0000/../../evil' },
  { name: 'space inside the path', url: 'https://id.example.com/auth orize' },
  { name: 'tab inside https', url: 'h\ttps://evil.example/authorize' },
  { name: 'newline after the scheme', url: 'https\n://evil.example/authorize' },
  { name: 'tab inside the host', url: 'https://id.exa\tmple.com/authorize', allowedOrigins: allow },
  { name: 'right-to-left override', url: 'https://id.example.com/\u202egpj.exe' },
  { name: 'zero-width joiner in the host', url: 'https://id.exa\u200dmple.com/authorize', allowedOrigins: allow },
  { name: 'invalid port', url: 'https://id.example.com:99999/authorize' },
  // Over-long
  { name: 'over-long query', url: `https://id.example.com/authorize?pad=${long(9_000)}` },
  { name: 'over-long after percent-encoding', url: `https://id.example.com/${'%41'.repeat(3_000)}` },
  { name: 'over-long host label', url: `https://${long(300)}.example.com/authorize`, allowedOrigins: allow },
  { name: 'a megabyte', url: `https://id.example.com/?${long(1_000_000)}` },
];
