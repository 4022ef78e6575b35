// Middleware the test runner's own loopback server runs.
import { vendorServer } from './vendor-server.mjs';
import { wireFixtures } from './wire-fixtures.mjs';

export const testServerMiddleware = [wireFixtures, vendorServer];
