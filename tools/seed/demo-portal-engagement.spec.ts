import { demoAudioWav, demoSignInDays } from './demo-portal-engagement';

describe('the demo audio message', () => {
  it('is a real PCM WAV: RIFF/WAVE header, 8 kHz mono 8-bit, one second of samples, a tone (not silence)', () => {
    const wav = demoAudioWav();
    expect(wav.length).toBe(44 + 8000);
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.subarray(8, 16).toString('latin1')).toBe('WAVEfmt ');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 8000, 8]);
    expect(wav.subarray(36, 40).toString('latin1')).toBe('data');
    const samples = wav.subarray(44);
    expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(100);
    expect(demoAudioWav()).toEqual(wav); // deterministic
  });
});

describe('demo sign-ins', () => {
  it('fall on most of the 13 days before --today, never on it, with a gap pattern that differs per client', () => {
    expect(demoSignInDays(0)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 13]);
    expect(demoSignInDays(1)).toEqual([1, 2, 4, 5, 6, 8, 9, 10, 12, 13]);
    for (const i of [0, 1, 2, 3]) expect(demoSignInDays(i).every((d) => d >= 1 && d <= 13)).toBe(true);
  });
});
