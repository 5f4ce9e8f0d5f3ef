import { ResponseContract } from './response-contract';

const doc = {
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } } },
          '404': { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } } },
        },
      },
    },
    '/api/v1/things/search': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/PageMetaDto' },
                    {
                      type: 'object',
                      required: ['items'],
                      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ThingDto' } } },
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
    '/api/v1/things/export': { get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } } } },
  },
  components: {
    schemas: {
      ThingDto: {
        type: 'object',
        required: ['id', 'note', 'parent'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          note: { type: 'string', nullable: true },
          parent: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/ParentDto' }] },
        },
      },
      ParentDto: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      PageMetaDto: { type: 'object', required: ['page', 'total'], properties: { page: { type: 'number' }, total: { type: 'number' } } },
      ProblemDetailsDto: {
        type: 'object',
        required: ['type', 'status'],
        properties: { type: { type: 'string' }, status: { type: 'number' } },
      },
    },
  },
};

const ID = '0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44';
const contract = new ResponseContract(doc);
const check = (url: string, status: number, type: string, body: unknown) =>
  contract.check('GET', url, status, type, typeof body === 'string' ? body : JSON.stringify(body));

describe('ResponseContract', () => {
  it('accepts bodies that match, nulls where the document allows them, and a page built with allOf', () => {
    expect(
      check(`/api/v1/things/${ID}`, 200, 'application/json; charset=utf-8', { id: ID, note: null, parent: { id: 'p' } }),
    ).toBeUndefined();
    expect(check(`/api/v1/things/${ID}`, 200, 'application/json', { id: ID, note: 'n', parent: null })).toBeUndefined();
    expect(
      check('/api/v1/things/search?page=1', 200, 'application/json', { page: 1, total: 1, items: [{ id: ID, note: null, parent: null }] }),
    ).toBeUndefined();
    expect(check('/api/v1/things/export', 200, 'text/csv; charset=utf-8', 'a,b\r\n')).toBeUndefined();
  });

  it('reports a field the document does not name, a missing required field and a wrong format', () => {
    expect(check(`/api/v1/things/${ID}`, 200, 'application/json', { id: ID, note: null, parent: null, secret: 1 })).toMatch(
      /additional properties \(secret\)/,
    );
    expect(check(`/api/v1/things/${ID}`, 200, 'application/json', { id: ID, parent: null })).toMatch(/required property 'note'/);
    expect(check(`/api/v1/things/${ID}`, 200, 'application/json', { id: 'x', note: null, parent: null })).toMatch(/format "uuid"/);
    expect(check(`/api/v1/things/${ID}`, 200, 'application/json', { id: ID, note: null, parent: { id: 'p', extra: true } })).toMatch(
      /extra/,
    );
    expect(check('/api/v1/things/search', 200, 'application/json', { page: 1, total: 0, items: [], next: 2 })).toMatch(/next/);
  });

  it('reports an undocumented status or content type, and checks problem answers against ProblemDetails', () => {
    expect(check(`/api/v1/things/${ID}`, 201, 'application/json', {})).toMatch(/status 201 is not documented/);
    expect(check('/api/v1/things/export', 200, 'application/json', {})).toMatch(/documents text\/csv for 200, not application\/json/);
    expect(check(`/api/v1/things/${ID}`, 400, 'application/problem+json', { type: 't', status: 400, errors: [] })).toBeUndefined();
    expect(check(`/api/v1/things/${ID}`, 404, 'application/problem+json', { status: 404 })).toMatch(/required property 'type'/);
    expect(check('/nowhere', 404, 'application/problem+json', { type: 't' })).toMatch(/required property 'status'/);
    expect(check('/health', 200, 'application/json', { status: 'ok' })).toBeUndefined();
  });
});
