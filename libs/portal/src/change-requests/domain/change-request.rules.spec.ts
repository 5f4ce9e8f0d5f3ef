import { CHANGE_REQUEST_STATUSES, changeRequestTransition, type ChangeRequestAction } from './change-request.rules';

describe('changeRequestTransition', () => {
  it('allows exactly pending -> under_review -> approved | denied', () => {
    const legal: string[] = [];
    for (const from of CHANGE_REQUEST_STATUSES)
      for (const action of ['review', 'approve', 'deny'] as ChangeRequestAction[]) {
        const move = changeRequestTransition(from, action);
        if (move.ok) legal.push(`${from} -${action}-> ${move.status}`);
      }
    expect(legal.sort()).toEqual(['pending -review-> under_review', 'under_review -approve-> approved', 'under_review -deny-> denied']);
  });

  it('says why a move is refused', () => {
    expect(changeRequestTransition('pending', 'approve')).toEqual({
      ok: false,
      reason: 'A change request that is pending cannot be approved; only a under_review one can.',
    });
    expect(changeRequestTransition('approved', 'deny')).toMatchObject({ ok: false });
  });
});
