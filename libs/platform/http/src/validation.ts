import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { registerDecorator, ValidationArguments } from 'class-validator';

import type { FieldError } from './problem-details';

/** Flattens class-validator errors into dotted field paths (nested objects and array indexes included). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      // class-validator starts its messages with the bare property name; say the full path instead. A message
      // about one item (`attendees.0 must be an object`) is reported on that item.
      const item = message.startsWith(`${e.property}.`) ? /^\.(\d+) /.exec(message.slice(e.property.length)) : null;
      if (item) {
        out.push({ field: `${field}.${item[1]}`, message: `${field}.${item[1]}${message.slice(e.property.length + item[0].length - 1)}` });
        continue;
      }
      const text =
        constraint === 'whitelistValidation'
          ? `${field} is not an accepted property`
          : message.startsWith(`${e.property} `)
            ? field + message.slice(e.property.length)
            : message;
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

const isJsonObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The property is a JSON object (`each`: an array of them), not an array or a primitive. Put it beside
 * `@ValidateNested()`: class-validator passes an array where it expects a nested object, so `{"attendees":[[]]}`
 * would reach the handler. A bad item is reported on its own path (`attendees.0`).
 */
export function IsJsonObject(options: { each?: boolean } = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: options.each ? 'isJsonObjectEach' : 'isJsonObject',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => (options.each ? Array.isArray(value) && value.every(isJsonObject) : isJsonObject(value)),
        defaultMessage: (args?: ValidationArguments) => {
          const property = args?.property ?? String(propertyName);
          if (!options.each) return `${property} must be an object`;
          if (!Array.isArray(args?.value)) return `${property} must be an array of objects`;
          return `${property}.${(args.value as unknown[]).findIndex((v) => !isJsonObject(v))} must be an object`;
        },
      },
    });
}
