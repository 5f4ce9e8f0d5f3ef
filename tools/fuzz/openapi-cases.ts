import fc from 'fast-check';

/**
 * Hostile HTTP requests generated from the API's own OpenAPI document: for an operation and a caller, one
 * request whose body, query, path parameters and headers are each either plausible (schema-shaped, with real
 * ids of the demo data so handlers are reached) or malformed in a labelled way (wrong types, missing and extra
 * fields, huge and NUL-bearing strings, lone surrogates, deep nesting, `__proto__` keys, other content types,
 * other tenants' ids...). Pure: no I/O, so the same seed gives the same requests.
 */

export interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

export interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: SchemaObject;
}

export interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  'x-permission'?: string;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface Operation {
  /** `POST /api/v1/groups` */
  id: string;
  method: string;
  /** The templated path, e.g. `/api/v1/patients/{id}/consents`. */
  path: string;
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  /** The JSON body schema ($refs resolved lazily), when the operation takes one. */
  body?: SchemaObject;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => ({
        id: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

/** A real row of the demo data: its id (or code) and its organization. */
export interface PoolEntry {
  organizationId: string;
  value: string;
}

/** Real ids by pool name (see poolForName / poolForPathParam). */
export type IdPools = Record<string, PoolEntry[]>;

/** Who sends the request: their organization and sites, and the other organization (for cross-tenant ids). */
export interface Caller {
  name: string;
  organizationId?: string;
  otherOrganizationId?: string;
  siteIds: string[];
}

/** A generated request. Everything a report needs to show it and a client needs to send it. */
export interface FuzzRequest {
  method: string;
  /** Path and query exactly as sent (already percent-encoded, possibly malformed on purpose). */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** How each part was made, e.g. `body:field note=nul`, `query:page=huge-number`, `path:id=real-other-tenant`. */
  labels: string[];
}

type Labelled<T> = { label: string; value: T };
const lab = <T>(label: string, arb: fc.Arbitrary<T>): fc.Arbitrary<Labelled<T>> => arb.map((value) => ({ label, value }));
const constLab = <T>(label: string, value: T): fc.Arbitrary<Labelled<T>> => fc.constant({ label, value });

/** Stand for deeply nested JSON inside a value; replaced in the serialized text (JSON.stringify would recurse). */
const DEEP_ARRAY_MARKER = '\u0001fuzz-deep-array\u0001';
const DEEP_OBJECT_MARKER = '\u0001fuzz-deep-object\u0001';
const DEEP_DEPTH = 5000;
const deepArrayText = '['.repeat(DEEP_DEPTH) + ']'.repeat(DEEP_DEPTH);
const deepObjectText = '{"a":'.repeat(DEEP_DEPTH) + '1' + '}'.repeat(DEEP_DEPTH);

/** An object with an own `__proto__` key (what JSON.parse makes of `{"__proto__": ...}`). */
function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Malformed JSON values, each labelled by the class of input it stands for. */
function hostileJsonValue(caller: Caller, pools: IdPools): fc.Arbitrary<Labelled<unknown>> {
  return fc.oneof(
    constLab('null', null),
    lab('boolean', fc.boolean()),
    lab('number', fc.integer()),
    lab('negative', fc.constantFrom(-1, -0.5, -2147483649, -1e308)),
    lab('huge-number', fc.constantFrom(1e308, 2 ** 64, Number.MAX_SAFE_INTEGER + 2, 1e20)),
    lab('float', fc.double({ noNaN: true, noDefaultInfinity: true })),
    constLab('empty-string', ''),
    { weight: 3, arbitrary: lab('nul', fc.constantFrom('\u0000', 'a\u0000b', 'x'.repeat(10) + '\u0000')) },
    { weight: 3, arbitrary: lab('lone-surrogate', fc.constantFrom('a\ud83db', '\udc00', 'a\ud83d@example.com')) },
    lab('control-chars', fc.constantFrom('\u0001\u001f\u007f', '\u202e\u200b', '\r\n\t')),
    lab('huge-string', fc.constantFrom('x'.repeat(200_000), '\u00e9'.repeat(100_000))),
    lab('long-string', fc.constantFrom('x'.repeat(5000), 'a@'.repeat(2000) + 'example.com')),
    lab('nan-like', fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e999', '0x10', ' 1 ')),
    lab('numeric-string', fc.constantFrom('99999999999999999999', '-1', '0', '1.5')),
    lab('bad-date', fc.constantFrom('2025-02-30', '0000-01-01', '+275760-09-13', '2025-13-01T25:61:00Z', '24:00', '99:99', 'today')),
    lab('bad-uuid', fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '123')),
    lab('random-uuid', fc.uuid()),
    lab('other-tenant-id', otherTenantId(caller, pools)),
    lab('unicode', fc.string({ unit: 'grapheme', maxLength: 30 })),
    lab('random-string', fc.string({ unit: 'binary', maxLength: 30 })),
    lab('injection', fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x}', '../../etc/passwd', '%00', '{{7*7}}')),
    constLab('empty-array', []),
    lab('nested-array', fc.constantFrom([[]], [[[]]], [null], [{}])),
    lab('array-of-strings', fc.constantFrom(['a'], ['a', 'b'])),
    constLab('empty-object', {}),
    lab('object', fc.constantFrom({ a: 1 }, { toString: 'x' }, { length: 1e9 })),
    lab(
      'proto-object',
      fc.constantFrom(withOwnKey({}, '__proto__', { polluted: true }), { constructor: { prototype: { polluted: true } } }),
    ),
    lab('deep-nesting', fc.constantFrom(DEEP_ARRAY_MARKER, DEEP_OBJECT_MARKER)),
  );
}

function otherTenantId(caller: Caller, pools: IdPools): fc.Arbitrary<string> {
  const others = Object.values(pools)
    .flat()
    .filter((e) => e.organizationId !== caller.organizationId);
  return others.length ? fc.constantFrom(...others.map((e) => e.value)) : fc.uuid();
}

/** The pool a body field or query parameter draws real values from, by its name. */
export function poolForName(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n === 'siteid') return 'sites';
  if (n === 'patientid') return 'patients';
  if (n === 'groupid') return 'groups';
  if (n === 'sessionid') return 'groupSessions';
  if (n === 'chartid') return 'charts';
  if (n === 'consentid') return 'consents';
  if (n === 'ids') return 'generations';
  if (n === 'servicetype') return 'serviceTypes';
  if (n === 'code') return 'codes';
  if (n === 'statecode') return 'states';
  if (/(provider|facilitator|supervisor|therapist|staffuser|actoruser|user)(id|ids)$/.test(n) || n === 'facilitatorids') return 'staff';
  return undefined;
}

/** The pool a path parameter draws real values from: by the collection segment in front of it. */
export function poolForPathParam(path: string, param: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const collection = at > 0 ? segments[at - 1] : undefined;
  const byCollection: Record<string, string> = {
    patients: 'patients',
    // DELETE /group-sessions/{id}/attendance/{patientId}: an attendee is a patient.
    attendance: 'patients',
    consents: 'consents',
    'progress-notes': 'progressNotes',
    groups: 'groups',
    'group-sessions': 'groupSessions',
    'group-encounter-generations': 'generations',
    'peer-encounters': 'peerEncounters',
    'peer-service-types': 'peerServiceTypes',
    'peer-supervision': 'peerSupervision',
    appointments: 'appointments',
    'fee-schedule': 'feeSchedule',
    failed: 'failedEvents',
    codes: 'codes',
    'service-types': 'serviceTypes',
  };
  return collection ? byCollection[collection] : undefined;
}

/** A real value of the pool: mostly the caller's organization's, sometimes another's. */
function realValue(pool: string | undefined, caller: Caller, pools: IdPools): fc.Arbitrary<Labelled<string>> | undefined {
  const entries = pool ? (pools[pool] ?? []) : [];
  if (entries.length === 0) return undefined;
  const own = entries.filter((e) => e.organizationId === caller.organizationId);
  const other = entries.filter((e) => e.organizationId !== caller.organizationId);
  const arbs: fc.WeightedArbitrary<Labelled<string>>[] = [];
  if (own.length) arbs.push({ weight: 4, arbitrary: lab('real-own', fc.constantFrom(...own.map((e) => e.value))) });
  if (other.length) arbs.push({ weight: 1, arbitrary: lab('real-other-tenant', fc.constantFrom(...other.map((e) => e.value))) });
  return fc.oneof(...arbs);
}

function resolve(doc: OpenApiDoc, schema: SchemaObject | undefined): SchemaObject {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length) {
    const parts = s.allOf.map((p) => resolve(doc, p));
    return {
      ...s,
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  if (s.oneOf?.length || s.anyOf?.length) return resolve(doc, (s.oneOf ?? s.anyOf)![0]);
  return s;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dateArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

/** A schema-conforming value (as far as the document says), with real ids where the name suggests one. */
export function validValue(
  doc: OpenApiDoc,
  schema: SchemaObject | undefined,
  name: string,
  caller: Caller,
  pools: IdPools,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const pool = poolForName(name);
  switch (s.type) {
    case 'string': {
      const real = realValue(pool, caller, pools);
      if (real) return fc.oneof({ weight: 5, arbitrary: real.map((r) => r.value) }, { weight: 1, arbitrary: fc.uuid() });
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date') return dateArb.map(isoDay);
      if (s.format === 'date-time') return dateArb.map((d) => d.toISOString());
      if (/^\d\d:\d\d$/.test(String(s.example ?? '')) || /time$/i.test(name)) {
        return fc.tuple(fc.integer({ min: 6, max: 21 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${pad(h)}:${pad(m)}`);
      }
      if (/^\d{4}-\d\d$/.test(String(s.example ?? '')) || /month$/i.test(name)) {
        return dateArb.map((d) => isoDay(d).slice(0, 7));
      }
      if (/email/i.test(name)) return fc.constantFrom('someone@example.com', 'clinician@sonoran.cairn.test', 'nobody@cascade.cairn.test');
      const maxLength = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 40, 40));
      const text = fc.string({ minLength: Math.max(1, s.minLength ?? 1), maxLength }).filter((t) => t.trim().length > 0);
      return s.example !== undefined ? fc.oneof(fc.constant(s.example), text) : text;
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? Math.max(min + 10, 480);
      // Whole numbers unless the document says otherwise: the API's numbers are counts, pages, minutes and units.
      return s.format === 'float' || s.format === 'double'
        ? fc.double({ min, max, noNaN: true })
        : fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const minLength = s.minItems ?? 0;
      return fc.array(validValue(doc, s.items, name, caller, pools, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    case 'object':
    default: {
      if (!s.properties || depth > 4) return fc.constant({});
      const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(doc, v, k, caller, pools, depth + 1)]));
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
  }
}

/** A JSON body and how it was made. */
interface BodyCase {
  label: string;
  text?: string | Buffer;
  contentType?: string;
}

function serialize(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.split(JSON.stringify(DEEP_ARRAY_MARKER)).join(deepArrayText).split(JSON.stringify(DEEP_OBJECT_MARKER)).join(deepObjectText);
}

/** Replaces the value at a dotted path of `target` (objects only; arrays by index). */
function replaceAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(target)) {
    const copy = [...target];
    copy[head as number] = replaceAt(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(target as Record<string, unknown>) };
  copy[head as string] = replaceAt(copy[head as string], rest, value);
  return copy;
}

/** Every leaf and inner path of a JSON value (objects' keys and arrays' indices), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

function bodyCase(doc: OpenApiDoc, op: Operation, caller: Caller, pools: IdPools, hostile: boolean): fc.Arbitrary<BodyCase> {
  const schema = resolve(doc, op.body);
  const valid = op.body ? validValue(doc, op.body, '', caller, pools) : fc.constant({});
  const json = (label: string, value: unknown): BodyCase => ({ label, text: serialize(value), contentType: 'application/json' });
  const declaredFields = Object.keys(schema.properties ?? {});

  const fieldMutation = fc.tuple(valid, hostileJsonValue(caller, pools), fc.nat()).map(([v, h, pick]) => {
    const paths = pathsOf(v);
    const missing = declaredFields.filter((f) => !(f in ((v as Record<string, unknown>) ?? {})));
    // Sometimes a declared field the valid value left out, so optional fields get malformed values too.
    const candidates: (string | number)[][] = [...paths, ...missing.map((f) => [f])];
    if (candidates.length === 0) return json(`body:root=${h.label}`, h.value);
    const path = candidates[pick % candidates.length]!;
    return json(`body:field ${path.join('.')}=${h.label}`, replaceAt(v, path, h.value));
  });
  const missingField = fc.tuple(valid, fc.nat()).map(([v, pick]) => {
    const keys = Object.keys((v as Record<string, unknown>) ?? {});
    if (!keys.length) return json('body:valid', v);
    const key = keys[pick % keys.length]!;
    const copy = { ...(v as Record<string, unknown>) };
    delete copy[key];
    return json(`body:missing ${key}`, copy);
  });
  const extraField = fc
    .tuple(valid, fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'k'.repeat(1000), ''), hostileJsonValue(caller, pools))
    .map(([v, key, h]) =>
      json(
        `body:extra ${key.length > 20 ? 'long-key' : key || 'empty-key'}=${h.label}`,
        v && typeof v === 'object' && !Array.isArray(v) ? withOwnKey(v as Record<string, unknown>, key, h.value) : v,
      ),
    );
  const wholeBody = hostileJsonValue(caller, pools).map((h) => json(`body:root=${h.label}`, h.value));
  const raw = fc.oneof(
    fc.constant<BodyCase>({ label: 'body:deep-array', text: deepArrayText, contentType: 'application/json' }),
    fc.constant<BodyCase>({ label: 'body:deep-object', text: deepObjectText, contentType: 'application/json' }),
    fc.constant<BodyCase>({ label: 'body:empty', text: '', contentType: 'application/json' }),
    fc.constant<BodyCase>({ label: 'body:none', text: undefined, contentType: undefined }),
    lab(
      'x',
      fc.constantFrom(
        '{',
        '{"a":1,}',
        "{'a':1}",
        'undefined',
        '{"a":1}x',
        'NaN',
        '{"a":1e309}',
        '{"__proto__":{"admin":true}}',
        '{"a":1,"a":2}',
      ),
    ).map((l) => ({ label: 'body:invalid-or-odd-json', text: l.value, contentType: 'application/json' })),
    fc.constant<BodyCase>({
      label: 'body:invalid-utf8',
      text: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
      contentType: 'application/json',
    }),
    fc.constant<BodyCase>({ label: 'body:bom', text: '\ufeff{}', contentType: 'application/json' }),
    fc.constant<BodyCase>({ label: 'body:too-large', text: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
  );
  const contentTypes = fc
    .tuple(
      valid,
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'application/json; charset=utf-16',
        'application/json; charset=koi8-r',
        'application/merge-patch+json',
        'APPLICATION/JSON',
        '*/*',
        'garbage',
      ),
    )
    .map(([v, ct]): BodyCase => {
      const text =
        ct === 'application/x-www-form-urlencoded'
          ? 'a=b&__proto__[admin]=1&constructor[prototype][admin]=1&' +
            Object.keys((v as Record<string, unknown>) ?? {})
              .map((k) => `${k}=x`)
              .join('&')
          : serialize(v);
      return { label: `body:content-type ${ct}`, text, contentType: ct };
    });
  const noContentType = valid.map((v): BodyCase => ({ label: 'body:no-content-type', text: serialize(v), contentType: undefined }));

  if (!op.body) {
    // Routes without a body: none, or garbage anyway when this request's hostile part is the body.
    return hostile ? fc.oneof(wholeBody, raw) : fc.constant<BodyCase>({ label: '', text: undefined });
  }
  if (!hostile) return valid.map((v) => json('', v));
  return fc.oneof(
    { weight: 8, arbitrary: fieldMutation },
    { weight: 2, arbitrary: missingField },
    { weight: 2, arbitrary: extraField },
    { weight: 2, arbitrary: wholeBody },
    { weight: 2, arbitrary: raw },
    { weight: 2, arbitrary: contentTypes },
    { weight: 1, arbitrary: noContentType },
  );
}

/** Percent-encodes text byte by byte, lone surrogates included (as the UTF-8-style bytes a sloppy client sends). */
export function encodeLoose(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += `%${(0xe0 | (cp >> 12)).toString(16).toUpperCase()}%${(0x80 | ((cp >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (cp & 0x3f)).toString(16).toUpperCase()}`;
    else out += [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** Malformed URL components, already encoded (some deliberately badly). */
function hostileUrlValue(caller: Caller, pools: IdPools): fc.Arbitrary<Labelled<string>> {
  return fc.oneof(
    constLab('empty', ''),
    { weight: 5, arbitrary: lab('nul', fc.constantFrom('%00', 'a%00b', '00000000-0000-4000-8000-000000000000%00')) },
    lab('non-uuid', fc.constantFrom('abc', '1', '-1', 'null', 'undefined', 'true', '%5Bobject%20Object%5D', '%20')),
    lab('nil-uuid', fc.constant('00000000-0000-0000-0000-000000000000')),
    lab('random-uuid', fc.uuid()),
    lab('other-tenant-id', otherTenantId(caller, pools)),
    lab('huge-number', fc.constantFrom('99999999999999999999', '1e309', '9007199254740993', '2147483648')),
    lab('negative', fc.constantFrom('-1', '-99999999999999999999', '-0')),
    lab('nan-like', fc.constantFrom('NaN', 'Infinity', '0x10', '1.5', '%201', '+1')),
    lab('long', fc.constantFrom('a'.repeat(4000), '9'.repeat(2000))),
    lab('bad-percent', fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF')),
    { weight: 3, arbitrary: lab('lone-surrogate', fc.constantFrom('%ED%A0%BD', 'a%ED%B0%80b')) },
    lab('encoded-slash', fc.constantFrom('..%2F..%2Fhealth', '%2e%2e', 'a%2Fb')),
    lab('bad-date', fc.constantFrom('2025-02-30', '0000-00-00', '2025-1-1', '9999-12-31', '2025-13')),
    lab('injection', fc.constantFrom("'%20OR%201%3D1--", '%3Cscript%3E', '%24%7B7*7%7D')),
    lab('random-string', fc.string({ unit: 'binary', maxLength: 20 }).map(encodeLoose)),
  );
}

/** Picks one of `n` items (or none of them when n is 0). */
const oneIndex = (n: number) => (n === 0 ? fc.constant(-1) : fc.nat({ max: n - 1 }));

function queryCase(doc: OpenApiDoc, op: Operation, caller: Caller, pools: IdPools, hostile: boolean): fc.Arbitrary<Labelled<string>> {
  const none = { label: '', value: '' };
  const plausible = op.queryParams.map((p) => {
    const valid = validValue(doc, p.schema, p.name, caller, pools).map((v) => ({
      label: '',
      value: `${p.name}=${encodeLoose(String(v))}`,
    }));
    return p.required ? valid : fc.oneof(fc.constant(none), valid);
  });
  const malformed = op.queryParams.map((p) => {
    const valid = validValue(doc, p.schema, p.name, caller, pools).map((v) => `${p.name}=${encodeLoose(String(v))}`);
    const bad = hostileUrlValue(caller, pools).map((h) => ({ label: `query:${p.name}=${h.label}`, value: `${p.name}=${h.value}` }));
    const repeated = fc.tuple(valid, bad).map(([a, b]) => ({ label: `query:${p.name} repeated`, value: `${a}&${b.value}` }));
    const bracket = fc
      .constantFrom(`${p.name}[]=1`, `${p.name}[a]=1`, `${p.name}[__proto__]=1`, `${p.name}[0]=1&${p.name}[1]=2`)
      .map((value) => ({ label: `query:${p.name} bracket`, value }));
    const huge = /^page/.test(p.name)
      ? [
          {
            weight: 2,
            arbitrary: fc
              .constantFrom('99999999999999999999', '2147483648', '1e9')
              .map((v) => ({ label: `query:${p.name}=huge-page`, value: `${p.name}=${v}` })),
          },
        ]
      : [];
    return fc.oneof({ weight: 4, arbitrary: bad }, { weight: 1, arbitrary: repeated }, { weight: 1, arbitrary: bracket }, ...huge);
  });
  const extra = fc
    .constantFrom('__proto__[x]=1', 'constructor[prototype][x]=1', 'zzz=1', '%00=1', 'a'.repeat(3000) + '=1')
    .map((value) => ({ label: 'query:extra param', value }));
  const parts = hostile
    ? fc
        .tuple(
          fc.tuple(...plausible),
          oneIndex(op.queryParams.length),
          fc.tuple(...malformed),
          fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary: extra }),
        )
        .map(([ok, at, bad, x]) =>
          [...ok.map((v, i) => (i === at ? bad[i]! : v)), at < 0 ? extra : x].filter((v): v is Labelled<string> => 'value' in v),
        )
    : fc.tuple(...plausible);
  return (parts as fc.Arbitrary<Labelled<string>[]>).map((all) => ({
    label: all
      .map((p) => p.label)
      .filter(Boolean)
      .join(' '),
    value: all
      .map((p) => p.value)
      .filter(Boolean)
      .join('&'),
  }));
}

function pathCase(op: Operation, caller: Caller, pools: IdPools, hostile: boolean): fc.Arbitrary<Labelled<string>> {
  if (op.pathParams.length === 0) return fc.constant({ label: '', value: op.path });
  const plausible = op.pathParams.map((p) => {
    const real = realValue(poolForPathParam(op.path, p.name), caller, pools);
    return real ? real.map((r) => ({ label: r.label, value: encodeLoose(r.value) })) : lab('random-uuid', fc.uuid());
  });
  const malformed = op.pathParams.map(() =>
    fc.oneof({ weight: 4, arbitrary: hostileUrlValue(caller, pools) }, { weight: 1, arbitrary: lab('random-uuid', fc.uuid()) }),
  );
  return fc.tuple(fc.tuple(...plausible), oneIndex(hostile ? op.pathParams.length : 0), fc.tuple(...malformed)).map(([ok, at, bad]) => {
    let path = op.path;
    const labels: string[] = [];
    op.pathParams.forEach((p, i) => {
      const v = i === at ? bad[i]! : ok[i]!;
      path = path.replace(`{${p.name}}`, v.value);
      if (v.label !== 'real-own') labels.push(`path:${p.name}=${v.label}`);
    });
    return { label: labels.join(' '), value: path };
  });
}

/** Tenant and site headers, and sometimes an odd Accept. */
function headerCase(caller: Caller, pools: IdPools, hostile: boolean): fc.Arbitrary<Labelled<Record<string, string>>> {
  const garbage = fc.constantFrom('garbage', '', ' ', '00000000-0000-0000-0000-000000000000', 'a'.repeat(2000), '1,2', 'null', '%00');
  const otherSites = (pools['sites'] ?? []).filter((s) => s.organizationId !== caller.organizationId).map((s) => s.value);
  const plausible = fc
    .record({
      org: caller.organizationId ? fc.constantFrom(undefined, undefined, caller.organizationId) : fc.constant(undefined),
      site: caller.siteIds.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...caller.siteIds) })
        : fc.constant(undefined),
    })
    .map(({ org, site }) => ({
      label: '',
      value: { ...(org ? { 'x-organization-id': org } : {}), ...(site ? { 'x-site-id': site } : {}) },
    }));
  if (!hostile) return plausible;
  const bad = fc.oneof(
    lab(
      'header:org=other-tenant',
      fc.constant({ 'x-organization-id': caller.otherOrganizationId ?? '00000000-0000-4000-8000-000000000001' }),
    ),
    lab(
      'header:org=garbage',
      garbage.map((g) => ({ 'x-organization-id': g })),
    ),
    lab(
      'header:org=random-uuid',
      fc.uuid().map((g) => ({ 'x-organization-id': g })),
    ),
    lab(
      'header:site=other-tenant',
      (otherSites.length ? fc.constantFrom(...otherSites) : fc.uuid()).map((g) => ({ 'x-site-id': g })),
    ),
    lab(
      'header:site=garbage',
      garbage.map((g) => ({ 'x-site-id': g })),
    ),
    lab(
      'header:site=random-uuid',
      fc.uuid().map((g) => ({ 'x-site-id': g })),
    ),
    lab(
      'header:accept',
      fc.constantFrom('*/*', 'text/csv', 'application/xml', 'garbage', 'text/csv;q=0, */*;q=0').map((g) => ({ accept: g })),
    ),
  );
  return fc.tuple(plausible, bad).map(([p, b]) => ({ label: b.label, value: { ...p.value, ...b.value } }));
}

type Part = 'path' | 'query' | 'headers' | 'body';

/**
 * One request for the operation as the caller (their Authorization header is the runner's business). Most
 * requests are plausible but for one malformed part, so that they get past the other checks to the code that
 * handles that part; some are plausible throughout (handlers reached, writes made) and some malformed throughout.
 */
export function requestArbitrary(doc: OpenApiDoc, op: Operation, caller: Caller, pools: IdPools): fc.Arbitrary<FuzzRequest> {
  const choices: fc.WeightedArbitrary<Part[]>[] = [
    { weight: 2, arbitrary: fc.constant<Part[]>([]) },
    { weight: op.body ? 5 : 1, arbitrary: fc.constant<Part[]>(['body']) },
    { weight: op.queryParams.length ? 4 : 1, arbitrary: fc.constant<Part[]>(['query']) },
    { weight: op.pathParams.length ? 3 : 0, arbitrary: fc.constant<Part[]>(['path']) },
    { weight: 1, arbitrary: fc.constant<Part[]>(['headers']) },
    { weight: 1, arbitrary: fc.subarray<Part>(['path', 'query', 'headers', 'body'], { minLength: 2 }) },
  ];
  const focus = fc.oneof(...choices.filter((c) => c.weight > 0));
  return focus
    .chain((parts) =>
      fc.tuple(
        pathCase(op, caller, pools, parts.includes('path')),
        queryCase(doc, op, caller, pools, parts.includes('query')),
        headerCase(caller, pools, parts.includes('headers')),
        bodyCase(doc, op, caller, pools, parts.includes('body')),
      ),
    )
    .map(([path, query, headers, body]) => {
      const h = { ...headers.value };
      if (body.contentType !== undefined) h['content-type'] = body.contentType;
      return {
        method: op.method,
        url: query.value ? `${path.value}?${query.value}` : path.value,
        headers: h,
        body: body.text === undefined ? undefined : Buffer.isBuffer(body.text) ? body.text : Buffer.from(body.text, 'utf8'),
        labels: [path.label, query.label, headers.label, body.label].filter(Boolean),
      };
    });
}

/** The i-th request of a run with this seed: deterministic, so a run replays exactly with the same seed. */
export function generateRequest(arb: fc.Arbitrary<FuzzRequest>, seed: number, index: number): FuzzRequest {
  return fc.sample(arb, { seed: (seed * 1_000_003 + index) | 0, numRuns: 1 })[0]!;
}

/** Every (operation, caller) pair, each `rounds` times, in an order fixed by the seed. */
export function requestPlan<C>(operations: Operation[], callers: C[], rounds: number, seed: number): { op: Operation; caller: C }[] {
  const pairs = operations.flatMap((op) => callers.map((caller) => ({ op, caller })));
  const plan: { op: Operation; caller: C }[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = fc.sample(
      fc.shuffledSubarray(
        pairs.map((_, i) => i),
        { minLength: pairs.length, maxLength: pairs.length },
      ),
      { seed: seed + r, numRuns: 1 },
    )[0]!;
    plan.push(...order.map((i) => pairs[i]!));
  }
  return plan;
}
