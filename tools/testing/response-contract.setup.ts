import { takeContractFailures } from '../../apps/api/test/support/response-contract';

// Runs in every int-tier test file after the framework is installed: a response that does not match the
// API's OpenAPI document (apps/api/test/support/response-contract.ts) fails the test during which it was sent.
// Responses sent from beforeAll hooks fail the file's first test; those from afterAll hooks, the file.
function assertNoMismatch(): void {
  const failures = takeContractFailures();
  if (failures.length > 0) {
    throw new Error(`${failures.length} response(s) do not match the OpenAPI document:\n- ${failures.join('\n- ')}`);
  }
}

afterEach(assertNoMismatch);
afterAll(assertNoMismatch);
