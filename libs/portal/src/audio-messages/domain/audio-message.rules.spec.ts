import { audioFileProblem } from './audio-message.rules';

const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(20)]);
const file = (over: Partial<{ patientId: string; ownerId: string | null; content: Buffer }> = {}) => ({
  patientId: 'p1',
  ownerId: null,
  content: OGG,
  ...over,
});

describe('audioFileProblem', () => {
  it('accepts unattached audio of this client within the limit', () => expect(audioFileProblem(file(), 'p1', 24)).toBeNull());
  it.each([
    ['no such file', null, /uploaded for this client/],
    ["another client's file", file({ patientId: 'p2' }), /uploaded for this client/],
    ['a file attached to another record', file({ ownerId: 'r1' }), /already attached/],
    ['a PDF', file({ content: Buffer.from('%PDF-1.4') }), /must name audio/],
    ['audio over the limit', file({ content: Buffer.concat([OGG, Buffer.alloc(1)]) }), /at most 24 bytes/],
  ])('refuses %s', (_why, f, message) => expect(audioFileProblem(f, 'p1', 24)).toMatch(message));
});
