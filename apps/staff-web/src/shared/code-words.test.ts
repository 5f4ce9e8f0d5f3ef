import { describe, expect, it } from 'vitest';

import { codeWords } from './code-words';

describe('codeWords', () => {
  it('writes codes with their modifiers, and a dash for no code', () => {
    expect(codeWords('H0005', ['HF', 'HQ'])).toBe('H0005-HF-HQ');
    expect(codeWords('90853', [])).toBe('90853');
    expect(codeWords(null, [])).toBe('—');
  });
});
