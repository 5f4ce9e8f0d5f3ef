import type { IncomingMessage } from 'node:http';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { InvalidInputError } from '@cairn/platform/kernel';

import type { FieldError } from './problem-details';

/** Deepest nesting of arrays and objects a JSON body may have (no DTO comes near it). */
export const MAX_JSON_DEPTH = 32;

/** The field a refusal of the body as a whole is reported on (not a property name: `body` is one). */
export const WHOLE_BODY = '(body)';

/** Keys that reach Object.prototype when a library copies a body into an object with `obj[key] = …`. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// U+0000 (PostgreSQL text cannot hold it) or a UTF-16 surrogate without its partner (no UTF-8 encoding exists:
// encodeURI throws, the database driver mangles it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badCharacterMessage(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the character U+0000';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * Whether raw JSON nests arrays/objects deeper than `max`, by a scan of its bytes (brackets inside strings do
 * not count). Runs before anything recursive sees the body: class-transformer overflows the stack on a few
 * thousand levels.
 */
export function jsonNestsDeeperThan(raw: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1'); // brackets and quotes are ASCII in UTF-8
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** An error shaped like body-parser's own, which `fromBodyParserError` turns into a 400 naming the body. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  constructor() {
    super(`The request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

/** body-parser's `verify` option for the JSON parser: refuses a body nested deeper than MAX_JSON_DEPTH. */
export function verifyJsonDepth(_req: IncomingMessage, _res: unknown, raw: Buffer): void {
  if (jsonNestsDeeperThan(raw)) throw new JsonTooDeepError();
}

const pathOf = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : String(key));

/**
 * Every string, key and nesting level of a parsed value that Cairn refuses: U+0000 or a lone surrogate in a
 * string or key, a `__proto__`/`constructor`/`prototype` key, nesting deeper than `maxDepth`. Fields are
 * dotted paths (`attendees.0.note`), as the validation pipe reports them; `root` prefixes them (a path
 * parameter's name). Iterative, so a hostile depth cannot overflow the stack here either.
 */
export function findHostileInput(value: unknown, root = '', maxDepth = MAX_JSON_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && errors.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = badCharacterMessage(v);
      if (problem) errors.push({ field: path || WHOLE_BODY, message: `${path || 'the body'} ${problem}` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      errors.push({ field: path || WHOLE_BODY, message: `${path || 'the body'} nests deeper than ${maxDepth} levels` });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      const field = pathOf(path, key);
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push({ field, message: `${field} is not an accepted property name` });
          continue;
        }
        const problem = badCharacterMessage(key);
        if (problem) {
          errors.push({ field: path || WHOLE_BODY, message: `a property name in ${path || 'the body'} ${problem}` });
          continue;
        }
      }
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return errors;
}

function refusal(errors: FieldError[]): InvalidInputError {
  const n = new Set(errors.map((e) => e.field)).size;
  return new InvalidInputError(`The request has ${n} invalid field${n === 1 ? '' : 's'}.`, errors);
}

/**
 * Express middleware after the body parsers: refuses, before any guard, interceptor or handler sees them, a
 * parsed body or query string holding what `findHostileInput` refuses. Body fields are reported by their path
 * (`name`), query parameters by their name (`q`), as the validation pipe does.
 */
export function hostileInputMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const errors = [...findHostileInput(req.query), ...(req.body === undefined ? [] : findHostileInput(req.body))];
  next(errors.length ? refusal(errors) : undefined);
}

/**
 * Global pipe for what the middleware cannot see: path parameters, which exist only once a route matched.
 * Registered before the validation pipe; body and query reach it already checked.
 */
@Injectable()
export class HostileParamPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param') return value;
    const errors = findHostileInput(value, metadata.data ?? '');
    if (errors.length) throw refusal(errors);
    return value;
  }
}
