import { inflateSync } from 'node:zlib';

import { cardImage } from './demo-portal-billing';

describe('cardImage', () => {
  it('is a real 86 x 54 RGB PNG whose pixels decode (front and back differ)', () => {
    const front = cardImage([28, 86, 160], 'front');
    const back = cardImage([28, 86, 160], 'back');
    for (const png of [front, back]) {
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.toString('ascii', 12, 16)).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([86, 54]);
      const idatLength = png.readUInt32BE(33);
      expect(png.toString('ascii', 37, 41)).toBe('IDAT');
      expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe((86 * 3 + 1) * 54);
      expect(png.length).toBeLessThan(2048);
    }
    expect(front.equals(back)).toBe(false);
  });
});
