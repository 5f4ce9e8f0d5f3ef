import { idKey, isUuid, toId } from './id';

describe('toId', () => {
  it('spells a UUID in lower case whatever case it came in', () => {
    expect(toId('0B7F8A52-3C1E-4A8E-9D0E-5F2B7C1D9E44')).toBe('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44');
    expect(toId('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44')).toBe('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44');
  });

  it('is undefined for anything that is not a UUID', () => {
    for (const bad of ['', 'abc', '0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e4', ' 0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44', 42, null, undefined]) {
      expect(toId(bad)).toBeUndefined();
      expect(isUuid(bad)).toBe(false);
    }
  });
});

describe('idKey', () => {
  it('compares UUIDs in one spelling and leaves anything else as it is', () => {
    expect(idKey('0B7F8A52-3C1E-4A8E-9D0E-5F2B7C1D9E44')).toBe('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44');
    expect(idKey('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44')).toBe('0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44');
    expect(idKey('Not-An-Id')).toBe('Not-An-Id');
  });
});
