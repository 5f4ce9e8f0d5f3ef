import { deletionRefusal } from './patient.rules';

describe('deletionRefusal', () => {
  it('refuses to delete an active patient: they are discharged or marked inactive first', () => {
    expect(deletionRefusal('active')).toBe('patient_active');
  });

  it('refuses to delete a patient twice', () => {
    expect(deletionRefusal('deleted')).toBe('already_deleted');
  });

  it.each(['inactive', 'deceased'])('lets an administrator delete a patient who is %s', (status) => {
    expect(deletionRefusal(status)).toBeNull();
  });
});
