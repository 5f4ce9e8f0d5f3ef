import type { FieldError } from './problem-details';

/**
 * Errors a handler or domain rule can throw without knowing HTTP; the problem filter maps each to its status
 * and problem type.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  constructor(
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly slug = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
}

/** The request is well-formed but breaks a rule (e.g. a site of another organization). */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly slug = 'rule-violation';
}
