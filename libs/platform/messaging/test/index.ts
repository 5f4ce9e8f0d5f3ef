/**
 * `@cairn/platform/messaging/testing`: the messaging scenario support other projects' tests use (a consumer
 * with an observable effect, a migrated database of the test's own, a worker process under a queue prefix of
 * its own). Test code only: lint rejects it in production code, like `@cairn/testing`.
 */
export * from './probe';
export * from './worker-scenario';
