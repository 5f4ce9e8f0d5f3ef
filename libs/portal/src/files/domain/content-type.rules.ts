import type { FieldError } from '@cairn/platform/kernel';

import { AUDIO_CONTENT_TYPES, detectAudioType } from './audio-signature.rules';

/** The largest file the portal stores (a worksheet, a handout, a photo of a page). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What the portal accepts, by what the bytes are: documents and images a client or therapist shares, and audio (the Audio Vault). */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ...AUDIO_CONTENT_TYPES,
] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function isPlainText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const text = b.toString('utf8');
  if (text.includes('\uFFFD')) return false; // not valid UTF-8
  // Control characters other than tab, newline and carriage return mean binary.
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/**
 * The content type of a file, by its bytes (magic numbers), never by its name or the client's header: a PE
 * executable named worksheet.pdf is not a PDF. Null when it is none of the accepted types.
 */
export function detectContentType(b: Buffer): AllowedContentType | null {
  if (starts(b, ascii('%PDF-'))) return 'application/pdf';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return 'image/gif';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return 'image/webp';
  // A .docx is a ZIP whose entries name word/ (a ZIP of anything else, e.g. a JAR, is refused).
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
    return head.includes('[Content_Types].xml') && head.includes('word/')
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      : null;
  }
  const audio = detectAudioType(b);
  if (audio) return audio;
  if (b.length > 0 && isPlainText(b)) return 'text/plain';
  return null;
}

/** A safe file name to store and send back in Content-Disposition: no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 120);
  return clean || 'file';
}

/** The problems of an upload (none: it may be stored), naming the `file` field. */
export function uploadProblems(b: Buffer | undefined): { problems: FieldError[]; contentType: AllowedContentType | null } {
  if (!b || b.length === 0) return { problems: [{ field: 'file', message: 'file is required and must not be empty' }], contentType: null };
  if (b.length > MAX_FILE_BYTES)
    return { problems: [{ field: 'file', message: `file must be at most ${MAX_FILE_BYTES} bytes` }], contentType: null };
  const contentType = detectContentType(b);
  if (!contentType)
    return {
      problems: [{ field: 'file', message: `file content is not one of the accepted types (${ALLOWED_CONTENT_TYPES.join(', ')})` }],
      contentType,
    };
  return { problems: [], contentType };
}
