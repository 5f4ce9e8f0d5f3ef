/**
 * A real WAV for tests that upload audio (the API knows audio by its bytes, not its name): `samples` of a soft 440 Hz
 * tone, 8 kHz, 8-bit mono PCM, so `samples / 8000` seconds. The demo's own message is tools/seed's demoAudioWav.
 */
export function toneWav(samples: number, amplitude = 50): Buffer {
  const b = Buffer.alloc(44 + samples);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(8000, 24); // sample rate
  b.writeUInt32LE(8000, 28); // byte rate
  b.writeUInt16LE(1, 32); // block align
  b.writeUInt16LE(8, 34); // bits per sample
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) b[44 + i] = Math.round(128 + amplitude * Math.sin((2 * Math.PI * 440 * i) / 8000));
  return b;
}
