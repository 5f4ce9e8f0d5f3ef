/** One invalid field of a request: a dotted path (`address.postalCode`, `members.0.staffUserId`) and why. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What went wrong, in the domain's words. The edge decides what each kind means for its caller (the API's
 * problem filter maps it to a status and a problem type); domain code never names a transport.
 */
export type DomainErrorKind =
  'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rule_violation' | 'too_many_requests';

/**
 * Errors a handler or domain rule throws. The message is shown to the caller (the problem's `detail`), so it
 * must be safe to show: no PHI, no internals.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
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
  readonly kind = 'invalid_input';
}

/** The caller is not signed in, or their credentials are not valid. */
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** Also used for rows outside the caller's scope, so "not found" does not reveal that they exist. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The request clashes with the current state (a locked note, a duplicate, a concurrent change). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The request is well-formed but breaks a rule (e.g. a site of another organization). */
export class RuleViolationError extends DomainError {
  readonly kind = 'rule_violation';
}

/** The caller must wait `retryAfterSeconds` before trying again. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
