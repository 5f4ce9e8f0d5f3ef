import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Every response the API gives a test is checked against the OpenAPI document the API publishes (and the staff
 * web's client is generated from): the operation is found by method and path, and the body must match the
 * schema documented for its status and content type. Objects are closed (a field the document does not name is
 * a mismatch), except problem details, whose extension members RFC 9457 allows. A response whose content type
 * the operation does not document for its status is a mismatch too, and so is an undocumented status, unless it
 * is a problem answer (the document says once that any operation may answer one); those match ProblemDetails.
 *
 * `bootApi()` attaches this to the app's HTTP server; `tools/testing/response-contract.setup.ts` fails the test
 * during which a mismatch was seen (after each test, and once more after the file's last hook).
 */

type Json = Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
  components?: { schemas?: Record<string, Json> };
}

const PROBLEM_SCHEMA = 'ProblemDetailsDto';
const DOC_ID = 'openapi';
const failures: string[] = [];

/** The mismatches seen since the last call (and forgets them). */
export function takeContractFailures(): string[] {
  return failures.splice(0, failures.length);
}

/**
 * An `allOf` of object schemas (a page: PageMetaDto and `items`) as one object schema, so that closing it does
 * not refuse the members' fields. Left as it is when a member is not an object schema.
 */
function mergeAllOf(members: Json[], schemas: Record<string, Json>): Json | undefined {
  const resolved = members.map((m) =>
    typeof m['$ref'] === 'string' ? schemas[String(m['$ref']).replace('#/components/schemas/', '')] : m,
  );
  if (resolved.some((m) => !m || m['properties'] === undefined)) return undefined;
  return {
    type: 'object',
    properties: Object.assign({}, ...resolved.map((m) => m!['properties'])),
    required: resolved.flatMap((m) => (m!['required'] as string[] | undefined) ?? []),
  };
}

/** OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a null alternative, objects are closed. */
function toJsonSchema(node: unknown, schemas: Record<string, Json>, open = false): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, schemas));
  if (!node || typeof node !== 'object') return node;
  let src = node as Json;
  if (Array.isArray(src['allOf'])) {
    const merged = mergeAllOf(src['allOf'] as Json[], schemas);
    if (merged) {
      const { allOf: _allOf, ...rest } = src;
      src = { ...rest, ...merged };
    }
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'example' || k === 'examples' || k === 'description' || k.startsWith('x-')) continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s, schemas)]));
    else if (k === '$ref') out[k] = String(v).replace(/^#\//, `${DOC_ID}#/`);
    else out[k] = toJsonSchema(v, schemas);
  }
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined && !open) out['additionalProperties'] = false;
  if (out['nullable'] === true) {
    delete out['nullable'];
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out['nullable'];
  return out;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export class ResponseContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly schemas: Record<string, Json>;

  constructor(doc: OpenApiDoc) {
    addFormats(this.ajv);
    this.schemas = doc.components?.schemas ?? {};
    const schemas = Object.fromEntries(
      Object.entries(this.schemas).map(([name, s]) => [name, toJsonSchema(s, this.schemas, name === PROBLEM_SCHEMA)]),
    );
    this.ajv.addSchema({ $id: DOC_ID, components: { schemas } });
    this.operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
        responses: op.responses ?? {},
      })),
    );
    // A literal segment beats a parameter: /patients/search before /patients/{id}.
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** Why the response does not match the document, or undefined when it does. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): string | undefined {
    const path = url.split('?')[0]!;
    const mediaType = contentType?.split(';')[0]!.trim();
    const op = this.operations.find((o) => o.method === method && o.pattern.test(path));
    const what = `${method} ${path} → ${status}${mediaType ? ` ${mediaType}` : ''}`;
    if (!op) {
      // No operation (an unknown route, /health, /metrics, the docs): only problem answers have a shape to keep.
      return mediaType === 'application/problem+json'
        ? this.validate(`#/components/schemas/${PROBLEM_SCHEMA}`, undefined, body, what)
        : undefined;
    }
    const response = op.responses[String(status)];
    if (!response) {
      // The document states once, for every operation, that errors are problem+json (the edge can refuse any
      // request: hostile input, a malformed body, an unexpected failure); anything else must be documented.
      return mediaType === 'application/problem+json'
        ? this.validate(`#/components/schemas/${PROBLEM_SCHEMA}`, undefined, body, what)
        : `${what}: status ${status} is not documented for ${op.method} ${op.template}`;
    }
    if (!mediaType || body === '') {
      return response.content && status !== 204 && Object.keys(response.content).length > 0 && body !== ''
        ? `${what}: body without a content type`
        : undefined;
    }
    const documented = response.content?.[mediaType];
    if (!documented) {
      return `${what}: ${op.method} ${op.template} documents ${Object.keys(response.content ?? {}).join(', ') || 'no body'} for ${status}, not ${mediaType}`;
    }
    if (!mediaType.endsWith('json') || !documented.schema) return undefined;
    return this.validate(`${op.method} ${op.template} ${status} ${mediaType}`, documented.schema, body, what);
  }

  private validate(key: string, schema: Json | undefined, body: string, what: string): string | undefined {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(schema ? (toJsonSchema(schema, this.schemas) as Json) : { $ref: key.replace(/^#\//, `${DOC_ID}#/`) });
      this.validators.set(key, validator);
    }
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return `${what}: the body is not JSON`;
    }
    if (validator(data)) return undefined;
    const errors = (validator.errors ?? [])
      .map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`,
      )
      .slice(0, 8);
    return `${what}: the body does not match the documented schema: ${errors.join('; ')}`;
  }
}

/**
 * Records, for every response the server sends, a mismatch with the document (see `takeContractFailures`).
 * Runs ahead of the app's own request listener and only observes: the response itself is not changed.
 */
export function checkResponsesAgainst(server: Server, contract: ResponseContract): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      const method = req.method ?? 'GET';
      const failure =
        method === 'HEAD'
          ? undefined
          : contract.check(
              method,
              req.url ?? '/',
              res.statusCode,
              res.getHeader('content-type') as string | undefined,
              Buffer.concat(chunks).toString('utf8'),
            );
      if (failure) failures.push(failure);
      return end(...args);
    }) as typeof res.end;
  });
}
