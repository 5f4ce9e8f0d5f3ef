import { checkResourceUrl } from './resource.rules';

describe('resource rules', () => {
  it('accepts an https URL and normalises it', () => {
    expect(checkResourceUrl('https://988lifeline.org/help-yourself')).toEqual({ ok: true, url: 'https://988lifeline.org/help-yourself' });
    expect(checkResourceUrl('HTTPS://Example.org')).toEqual({ ok: true, url: 'https://example.org/' });
  });

  it.each([
    ['http://example.org/', 'url must use https'],
    ['javascript:alert(1)', 'url must use https'],
    ['data:text/html,hi', 'url must use https'],
    ['ftp://example.org/x', 'url must use https'],
    ['example.org/page', 'url must be an absolute https URL'],
    ['https://user:secret@example.org/', 'url must not contain credentials'],
    ['https://localhost/', 'url must name a public host'],
    [`https://example.org/${'a'.repeat(2000)}`, 'url must be at most 2000 characters'],
  ])('refuses %s', (raw, message) => {
    expect(checkResourceUrl(raw)).toEqual({ ok: false, message });
  });
});
