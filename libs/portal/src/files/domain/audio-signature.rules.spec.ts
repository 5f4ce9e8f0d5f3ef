import { detectAudioType } from './audio-signature.rules';
import { detectContentType } from './content-type.rules';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (major: string, ...compatible: string[]) => {
  const body = bytes('ftyp', major, [0, 0, 0, 0], ...compatible);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body, Buffer.alloc(16)]);
};

describe('detectAudioType (by the bytes)', () => {
  it.each([
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', [0, 0]), 'audio/webm'],
    ['ogg', bytes('OggS', [0, 2, 0, 0]), 'audio/ogg'],
    ['mp3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
    ['mp3 frame', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'audio/mpeg'],
    ['m4a', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4'],
    ['m4a as compatible brand', ftyp('mp42', 'isom', 'M4A '), 'audio/mp4'],
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
  ])('%s', (_name, b, type) => expect(detectAudioType(b)).toBe(type));

  it.each([
    ['a PDF named .mp3', bytes('%PDF-1.7\n')],
    ['a JPEG (0xFF but no MPEG sync)', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['AAC ADTS (layer 00)', bytes([0xff, 0xf1, 0x50, 0x80])],
    ['an MP4 video (no M4A brand)', ftyp('isom', 'isom', 'avc1')],
    ['a Matroska video (DocType matroska)', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88], 'matroska')],
    ['WebP (RIFF but not WAVE)', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['plain text', bytes('hello, this is not audio')],
    ['empty', Buffer.alloc(0)],
  ])('refuses %s', (_name, b) => expect(detectAudioType(b)).toBeNull());
});

describe('uploads take audio by its bytes', () => {
  it('detectContentType answers the audio type, and a WAV is not mistaken for an image (both RIFF)', () => {
    expect(detectContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBe('audio/wav');
    expect(detectContentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(detectContentType(bytes('OggS', [0, 2, 0, 0]))).toBe('audio/ogg');
  });
});
