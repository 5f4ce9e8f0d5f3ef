/** Audio the portal accepts, by what the bytes are (a browser's recording, or a file): the Audio Vault's messages. */
export const AUDIO_CONTENT_TYPES = ['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/wav'] as const;
export type AudioContentType = (typeof AUDIO_CONTENT_TYPES)[number];

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** An MPEG audio frame header (MP3 without an ID3 tag): sync bits, a valid version, layer and bitrate. */
function isMpegFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 0x03; // 01 reserved
  const layer = (b[1]! >> 1) & 0x03; // 00 reserved (and AAC's ADTS)
  const bitrate = (b[2]! >> 4) & 0x0f; // 1111 invalid
  const sampleRate = (b[2]! >> 2) & 0x03; // 11 reserved
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && sampleRate !== 3;
}

/** An ISO base media file whose major or compatible brands say M4A/M4B (audio-only MP4). */
function isM4a(b: Buffer): boolean {
  if (!starts(b, ascii('ftyp'), 4)) return false;
  const boxSize = b.readUInt32BE(0);
  const end = Math.min(b.length, boxSize);
  for (let at = 8; at + 4 <= end; at += 4) {
    if (at === 12) continue; // minor version
    const brand = b.subarray(at, at + 4).toString('latin1');
    if (brand === 'M4A ' || brand === 'M4B ') return true;
  }
  return false;
}

/** A WebM (Matroska with DocType webm) EBML header. */
function isWebm(b: Buffer): boolean {
  if (!starts(b, [0x1a, 0x45, 0xdf, 0xa3])) return false;
  return b.subarray(0, Math.min(b.length, 64)).includes(Buffer.from('webm', 'latin1'));
}

/**
 * The audio type of a file, by its magic numbers, never by its name or the request's header: a PDF named
 * message.mp3 is not audio. Null when it is none of AUDIO_CONTENT_TYPES.
 */
export function detectAudioType(b: Buffer): AudioContentType | null {
  if (isWebm(b)) return 'audio/webm';
  if (starts(b, ascii('OggS'))) return 'audio/ogg';
  if (starts(b, ascii('ID3')) || isMpegFrame(b)) return 'audio/mpeg';
  if (isM4a(b)) return 'audio/mp4';
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WAVE'), 8)) return 'audio/wav';
  return null;
}
