import { statementName } from './statement-names';

describe('statementName', () => {
  it('names the same parameterised SQL the same way, so a connection prepares it once', () => {
    const q = { sql: 'SELECT * FROM cl_patients WHERE organization_id = $1 AND id = $2', args: ['a', 'b'] };
    expect(statementName(q)).toMatch(/^cairn_[A-Za-z0-9_-]{27}$/);
    expect(statementName({ ...q, args: ['c', 'd'] })).toBe(statementName(q));
  });

  it('gives different SQL different names', () => {
    expect(statementName({ sql: 'SELECT $1::int', args: [1] })).not.toBe(statementName({ sql: 'SELECT $1::text', args: [1] }));
  });

  it('leaves statements without parameters unnamed (BEGIN must stay rewritable)', () => {
    expect(statementName({ sql: 'BEGIN', args: [] })).toBe('');
    expect(statementName({ sql: 'COMMIT', args: [] })).toBe('');
  });
});
