import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from './domain-errors';

describe('domain errors', () => {
  it('name their kind, keep the caller-safe message and the field errors, and carry no transport status', () => {
    const cases: [DomainError, string][] = [
      [new InvalidInputError('bad', [{ field: 'to', message: 'to is bad' }]), 'invalid_input'],
      [new UnauthorizedError('who'), 'unauthorized'],
      [new ForbiddenError('no'), 'forbidden'],
      [new NotFoundError('gone'), 'not_found'],
      [new ConflictError('clash'), 'conflict'],
      [new RuleViolationError('rule'), 'rule_violation'],
      [new TooManyRequestsError('slow down', 30), 'too_many_requests'],
    ];
    for (const [error, kind] of cases) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error.kind).toBe(kind);
      expect(error.name).toBe(error.constructor.name);
      expect('status' in error).toBe(false);
    }
    expect(cases[0]![0].errors).toEqual([{ field: 'to', message: 'to is bad' }]);
    expect((cases[6]![0] as TooManyRequestsError).retryAfterSeconds).toBe(30);
  });
});
