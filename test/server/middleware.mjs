// Middleware the test runner's own loopback server runs: the fake vendor APIs the adapter tests talk to.
export const testServerMiddleware = [];
