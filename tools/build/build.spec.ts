import { packageName } from './build';

describe('packageName (which package.json entry an external import needs)', () => {
  it.each([
    ['pg', 'pg'],
    ['@nestjs/core', '@nestjs/core'],
    ['@prisma/client/runtime/client', '@prisma/client'],
    ['rxjs/operators', 'rxjs'],
  ])('%s -> %s', (specifier, name) => {
    expect(packageName(specifier)).toBe(name);
  });
});
