import { authorKindOf, goalProgressProblem } from './goal.rules';

describe('goal rules', () => {
  it('names the client as the author in a portal transaction, staff otherwise', () => {
    expect(authorKindOf('portal')).toBe('client');
    expect(authorKindOf('assigned')).toBe('staff');
    expect(authorKindOf('site')).toBe('staff');
  });

  it('accepts progress on an active goal', () => {
    expect(goalProgressProblem('active', 40, 'active')).toBeNull();
    expect(goalProgressProblem('active', 100, 'achieved')).toBeNull();
    expect(goalProgressProblem('active', 30, 'discontinued')).toBeNull();
  });

  it('refuses progress on a closed goal', () => {
    expect(goalProgressProblem('achieved', 100, 'achieved')).toBe('closed');
    expect(goalProgressProblem('discontinued', 10, 'active')).toBe('closed');
  });

  it('refuses an achieved goal below 100', () => {
    expect(goalProgressProblem('active', 90, 'achieved')).toEqual({
      field: 'progress',
      message: 'progress must be 100 for an achieved goal',
    });
  });
});
