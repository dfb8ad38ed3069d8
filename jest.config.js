// Jest runs the TypeScript tests through ts-jest (transpile only; `npm run typecheck` type-checks).
// Two projects: `unit` is pure and in-process (DialogTestClient conversations included) and is the quick loop
// (`npm run test:unit`); `integration` needs what a unit test must not: an HTTP server listening, a child
// process, Azurite or Chromium. `npm test` (plain `jest`) runs both. The environment adds a per-worker cache, so
// that the real knowledge base is built once per worker (test/helpers/fixtures.ts).
const shared = {
  testEnvironment: '<rootDir>/test/helpers/environment.js',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

// Whole folders that are integration tests, and the few integration tests that live beside the unit tests of
// their module (a real Azurite; a fake Graph API listening on a port; the lint and layer command lines).
const INTEGRATION = [
  '<rootDir>/test/http/**/*.test.ts',
  '<rootDir>/test/browser/**/*.test.ts',
  '<rootDir>/test/transcripts/**/*.test.ts',
  '<rootDir>/test/eval/**/*.test.ts',
  '<rootDir>/test/bot/storage/blobStorage.test.ts',
  '<rootDir>/test/bot/whatsapp/graph.test.ts',
  '<rootDir>/test/layers.test.ts',
];

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION.map(globToPattern)],
    },
    { ...shared, displayName: 'integration', testMatch: INTEGRATION },
  ],
};

// testPathIgnorePatterns takes regular expressions; the list above is written as globs so both projects share it.
function globToPattern(glob) {
  return glob
    .replace('<rootDir>', '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\/\*\*\//g, '/(?:.*/)?')
    .replace(/\*/g, '[^/]*')
    + '$';
}
