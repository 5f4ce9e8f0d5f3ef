import { describe, expect, it } from 'vitest';

import { apiBaseUrl } from './runtime-config';

describe('apiBaseUrl', () => {
  it("is the page's own origin when config.js sets none", () => {
    expect(apiBaseUrl(undefined, 'https://cairn.practice.example')).toBe('https://cairn.practice.example');
    expect(apiBaseUrl({ apiBaseUrl: '' }, 'https://cairn.practice.example')).toBe('https://cairn.practice.example');
    expect(apiBaseUrl({ apiBaseUrl: '  ' }, 'https://cairn.practice.example')).toBe('https://cairn.practice.example');
  });

  it('is the configured origin, without a trailing slash', () => {
    expect(apiBaseUrl({ apiBaseUrl: 'https://api.practice.example/' }, 'https://cairn.practice.example')).toBe(
      'https://api.practice.example',
    );
  });
});
