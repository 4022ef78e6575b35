import { expect } from '@open-wc/testing';
import { loadWire } from '../helpers/wire.js';

describe('the wire fixtures', () => {
  it('are served from ../shared/wire', async () => {
    const connection = await loadWire<{ id: string }>('codat-connection.json');
    expect(connection.id).to.be.a('string');
  });
});
