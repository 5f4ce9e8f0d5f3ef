import type { FieldError } from './problem-details';

/**
 * Errors a handler or domain rule can throw without knowing HTTP (this file imports nothing from Nest); the
 * problem filter maps each to its status and problem type `https://cairn.dev/problems/<slug>`. The message
 * becomes the problem's `detail`, so it must be safe to show the caller (no PHI, no internals).
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

/** The request is malformed in a way the DTO could not express; `errors` names the fields. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly slug = 'validation-error';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly slug = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
}

/** Also used for rows outside the caller's scope, so a 404 does not reveal that they exist. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly slug = 'conflict';
}

/** The request is well-formed but breaks a rule (e.g. a site of another organization). */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly slug = 'rule-violation';
}

/** Answered with a Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly slug = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
