// Jest's Node environment plus one Map per jest worker process, which outlives the test files the worker runs.
// Building the real knowledge base's search index takes seconds; test/helpers/fixtures.ts keeps the built,
// read-only knowledge base here so that a worker builds it once instead of once per test file.
const { TestEnvironment } = require('jest-environment-node');

const workerCache = new Map();

class WegwijzerEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__wegwijzerWorkerCache = workerCache;
  }
}

module.exports = WegwijzerEnvironment;
