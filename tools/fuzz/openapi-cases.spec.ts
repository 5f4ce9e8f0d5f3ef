import { encodeLoose, generateRequest, OpenApiDoc, operationsOf, poolForPathParam, requestArbitrary, requestPlan } from './openapi-cases';

const doc: OpenApiDoc = {
  paths: {
    '/api/v1/groups': {
      get: {
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'number' } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
      },
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateGroupDto' } } } } },
    },
    '/api/v1/groups/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } },
  },
  components: {
    schemas: {
      CreateGroupDto: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: 80 }, siteId: { type: 'string', format: 'uuid' } },
        required: ['name', 'siteId'],
      },
    },
  },
};
const caller = { name: 'admin', organizationId: 'org-a', otherOrganizationId: 'org-b', siteIds: ['site-a'] };
const pools = {
  groups: [
    { organizationId: 'org-a', value: 'g-own' },
    { organizationId: 'org-b', value: 'g-other' },
  ],
  sites: [
    { organizationId: 'org-a', value: 'site-a' },
    { organizationId: 'org-b', value: 'site-b' },
  ],
};

describe('openapi-cases', () => {
  it('lists every operation of the document with its path and query parameters and body', () => {
    const ops = operationsOf(doc);
    expect(ops.map((o) => o.id)).toEqual(['GET /api/v1/groups', 'POST /api/v1/groups', 'GET /api/v1/groups/{id}']);
    expect(ops[0]!.queryParams.map((p) => p.name)).toEqual(['page', 'q']);
    expect(ops[1]!.body).toBeDefined();
    expect(ops[2]!.pathParams.map((p) => p.name)).toEqual(['id']);
  });

  it('generates the same request for the same seed and index, and different ones otherwise', () => {
    const op = operationsOf(doc)[1]!;
    const arb = requestArbitrary(doc, op, caller, pools);
    expect(generateRequest(arb, 5, 3)).toEqual(generateRequest(arb, 5, 3));
    const many = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(generateRequest(arb, 5, i))));
    expect(many.size).toBeGreaterThan(30);
  });

  it('mixes plausible requests (real ids of the caller) with malformed ones (other tenants, NUL, deep JSON)', () => {
    const [list, create, get] = operationsOf(doc);
    const sample = (op: typeof list) =>
      Array.from({ length: 300 }, (_, i) => generateRequest(requestArbitrary(doc, op!, caller, pools), 1, i));
    const gets = sample(get);
    expect(gets.some((r) => r.url === '/api/v1/groups/g-own' && r.labels.length === 0)).toBe(true);
    expect(gets.some((r) => r.url === '/api/v1/groups/g-other' && r.labels.includes('path:id=real-other-tenant'))).toBe(true);
    const lists = sample(list);
    expect(lists.some((r) => r.labels.some((l) => l.startsWith('query:q=nul')) && /q=[^&]*%00/.test(r.url))).toBe(true);
    const creates = sample(create);
    const valid = creates.filter((r) => r.labels.length === 0).map((r) => JSON.parse(r.body!.toString()) as Record<string, unknown>);
    expect(valid.every((b) => typeof b['name'] === 'string' && typeof b['siteId'] === 'string')).toBe(true);
    expect(valid.some((b) => b['siteId'] === 'site-a')).toBe(true);
    expect(valid.some((b) => b['siteId'] === 'site-b')).toBe(true);
    expect(creates.some((r) => r.labels.some((l) => l.includes('deep')) && r.body!.toString().includes('['.repeat(1000)))).toBe(true);
    expect(creates.some((r) => r.labels.some((l) => l.includes('__proto__')) && r.body!.toString().includes('"__proto__"'))).toBe(true);
    expect(creates.some((r) => r.headers['content-type'] === 'application/x-www-form-urlencoded')).toBe(true);
  });

  it('plans every operation and caller pair once per round', () => {
    const ops = operationsOf(doc);
    const plan = requestPlan(ops, ['a', 'b'], 2, 9);
    expect(plan).toHaveLength(12);
    const pairs = (xs: typeof plan) => xs.map((p) => `${p.op.id}|${p.caller}`).sort();
    expect(pairs(plan.slice(0, 6))).toEqual(pairs(plan.slice(6)));
    expect(new Set(pairs(plan.slice(0, 6))).size).toBe(6);
  });

  it('percent-encodes lone surrogates as the bytes a sloppy client sends, and knows the collections of path ids', () => {
    expect(encodeLoose('a\ud83d')).toBe('a%ED%A0%BD');
    expect(encodeLoose('é 1')).toBe('%C3%A9%201');
    expect(poolForPathParam('/api/v1/patients/{id}/consents/{consentId}/revoke', 'consentId')).toBe('consents');
    expect(poolForPathParam('/api/v1/pm/service-types/{code}', 'code')).toBe('serviceTypes');
    expect(poolForPathParam('/api/v1/group-sessions/{id}/attendance/{patientId}', 'patientId')).toBe('patients');
  });
});
