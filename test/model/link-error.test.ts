import { expect } from '@open-wc/testing';
import { LinkError, toLinkError } from '../../src/model/index.js';

describe('LinkError', () => {
  it('is retryable by default for network, timeout, rate limits and server errors', () => {
    expect(new LinkError('network', 'x').retryable).to.equal(true);
    expect(new LinkError('timeout', 'x').retryable).to.equal(true);
    expect(new LinkError('rate-limited', 'x').retryable).to.equal(true);
    expect(new LinkError('http', 'x', { status: 503 }).retryable).to.equal(true);
    expect(new LinkError('http', 'x', { status: 400 }).retryable).to.equal(false);
    expect(new LinkError('invalid-response', 'x').retryable).to.equal(false);
    expect(new LinkError('unsafe-url', 'x').retryable).to.equal(false);
  });

  it('serializes to a plain object with its code, status and details', () => {
    const error = new LinkError('http', 'Bad gateway', {
      status: 502,
      correlationId: 'abc',
      details: [{ path: 'a.b', message: 'm' }],
    });
    expect(JSON.parse(JSON.stringify(error))).to.deep.equal({
      name: 'LinkError',
      code: 'http',
      message: 'Bad gateway',
      retryable: true,
      status: 502,
      correlationId: 'abc',
      details: [{ path: 'a.b', message: 'm' }],
    });
  });

  it('recognizes errors across copies by brand, and wraps anything else', () => {
    const error = new LinkError('expired', 'old');
    expect(LinkError.is(error)).to.equal(true);
    expect(LinkError.is(new Error('x'))).to.equal(false);
    expect(toLinkError(error)).to.equal(error);
    const wrapped = toLinkError(new TypeError('Failed to fetch'));
    expect(wrapped.code).to.equal('network');
    expect(wrapped.message).to.equal('Failed to fetch');
    expect(toLinkError(new DOMException('stop', 'AbortError')).code).to.equal('cancelled');
    expect(toLinkError('a string').message).to.equal('Something went wrong.');
  });
});
