import { cleanFileName, detectContentType, MAX_FILE_BYTES, uploadProblems } from './content-type.rules';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectContentType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n...'), 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['a GIF', bytes('GIF89a....'), 'image/gif'],
    ['a WebP', bytes('RIFF', [1, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    [
      'a .docx',
      bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['UTF-8 text', Buffer.from('Thought record, Monday: I felt ☀️ better\n'), 'text/plain'],
  ])('recognises %s by its bytes', (_what, b, type) => {
    expect(detectContentType(b)).toBe(type);
  });

  it.each([
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1])],
    ['a ZIP that is not a document', bytes([0x50, 0x4b, 0x03, 0x04], '....META-INF/MANIFEST.MF')],
    ['binary with NUL bytes', bytes('abc', [0, 1, 2], 'def')],
    ['invalid UTF-8', bytes([0xc3, 0x28, 0x41])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_what, b) => {
    expect(detectContentType(b)).toBeNull();
  });
});

describe('uploadProblems', () => {
  it('names the file field for an empty, an oversized and a disguised file', () => {
    expect(uploadProblems(Buffer.alloc(0)).problems[0]!.field).toBe('file');
    expect(uploadProblems(Buffer.alloc(MAX_FILE_BYTES + 1, 0x41)).problems[0]!.message).toContain('at most');
    expect(uploadProblems(bytes('MZ', [0x90, 0])).problems[0]!.message).toContain('not one of the accepted types');
    expect(uploadProblems(bytes('%PDF-1.4')).problems).toEqual([]);
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment without control characters or quotes', () => {
    expect(cleanFileName('../../etc/pass"wd\u0000.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\x\\worksheet.pdf')).toBe('worksheet.pdf');
    expect(cleanFileName(undefined)).toBe('file');
  });
});
