import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem-details';

/** Flattens class-validator errors into dotted field paths (nested objects and array indexes included). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      // class-validator starts its messages with the bare property name; say the full path instead.
      const text = constraint === 'whitelistValidation' ? `${field} is not an accepted property` : message.startsWith(`${e.property} `) ? field + message.slice(e.property.length) : message;
      out.push({ field, message: text });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The global pipe: unknown properties are errors, payloads are transformed to their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const n = new Set(fieldErrors.map((e) => e.field)).size;
      return new BadRequestException({ message: `The request has ${n} invalid field${n === 1 ? '' : 's'}.`, errors: fieldErrors });
    },
  });
}
