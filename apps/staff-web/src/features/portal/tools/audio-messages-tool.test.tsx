import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, meWith, PATIENT, problem, renderAt, stubApi, THERAPIST_PERMISSIONS } from '../inbox/portal-fixture';
import { AudioMessagesTool } from './audio-messages-tool';

const FILES = `/api/v1/patients/${PATIENT}/portal-files`;
const MESSAGES = `/api/v1/patients/${PATIENT}/audio-messages`;
const FILE_ID = '55555555-5555-4555-8555-555555555555';
const MESSAGE = {
  audioMessageId: '66666666-6666-4666-8666-666666666666',
  patientId: PATIENT,
  title: 'Breathing exercise',
  contentType: 'audio/wav',
  byteSize: 48_000,
  createdBy: '77777777-7777-4777-8777-777777777777',
  createdAt: '2026-12-02T15:00:00.000Z',
  playCount: 2,
  lastPlayedAt: '2026-12-04T08:30:00.000Z',
};
const routes = [{ path: '/t', element: <AudioMessagesTool patientId={PATIENT} /> }];
const wav = (bytes = 64) => new File([new Uint8Array(bytes)], 'message.wav', { type: 'audio/wav' });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

async function chooseAndSend(file: File, title = 'Before our next session') {
  const form = await screen.findByRole('form', { name: 'Send an audio message' });
  fireEvent.change(within(form).getByLabelText('Title'), { target: { value: title } });
  fireEvent.change(within(form).getByLabelText('Audio file'), { target: { files: [file] } });
  fireEvent.click(within(form).getByRole('button', { name: 'Send to the client' }));
  return form;
}

describe('Audio messages', () => {
  it('uploads the file, sends the message with its file id, and lists what was sent with the client’s plays', async () => {
    let listed: { [k: string]: unknown }[] = [MESSAGE];
    const bodies: unknown[] = [];
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname === FILES && req.method === 'POST') {
        const form = await req.formData();
        // jsdom's File is not undici's Blob (its bytes do not survive the Request): the browser test sends real audio.
        bodies.push(form.has('file') ? 'a multipart file part' : 'no file');
        return json({ fileId: FILE_ID }, 201);
      }
      if (url.pathname === MESSAGES && req.method === 'POST') {
        const body = (await req.json()) as { title: string };
        bodies.push(body);
        listed = [
          { ...MESSAGE, audioMessageId: '88888888-8888-4888-8888-888888888888', title: body.title, playCount: 0, lastPlayedAt: null },
          ...listed,
        ];
        return json(listed[0], 201);
      }
      if (url.pathname === MESSAGES) return json(listed);
      return undefined;
    });
    renderAt('/t', routes);
    const sent = await screen.findByRole('list', { name: 'Audio messages sent' });
    expect(within(sent).getByText(/Played by the client 2 times, last on/)).toBeTruthy();
    // jsdom has no MediaRecorder: the file is the way, and the hint says why.
    expect(screen.queryByRole('button', { name: 'Record with the microphone' })).toBeNull();
    expect(screen.getByText(/This browser cannot record/)).toBeTruthy();

    await chooseAndSend(wav());
    await screen.findByText('Sent “Before our next session”. The client can play it in their Audio Vault.');
    expect(bodies).toEqual(['a multipart file part', { title: 'Before our next session', fileId: FILE_ID }]);
    await within(sent).findByText('Before our next session');
    expect(within(sent).getByText(/Not played by the client yet/)).toBeTruthy();
    expect(seen.find((r) => new URL(r.url).pathname === FILES)!.headers.get('Authorization')).toBe('Bearer a');
  });

  it.each([
    [413, 'Payload Too Large', 'The recording is too large: at most 10.0 MB. Record a shorter message.'],
    [415, 'Unsupported Media Type', 'That file is not audio the portal can play. Use a webm, ogg, mp3, m4a or wav recording.'],
  ])('says a %s from the upload as a sentence', async (status, title, sentence) => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) => {
      if (url.pathname === FILES) return problem(status, title, 'refused');
      if (url.pathname === MESSAGES) return json([]);
      return undefined;
    });
    renderAt('/t', routes);
    const form = await chooseAndSend(wav());
    expect((await within(form).findByRole('alert')).textContent).toContain(sentence);
  });

  it('says a 400 on the audio (not audio by its bytes) as a sentence without the field key', async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) => {
      if (url.pathname === FILES) return json({ fileId: FILE_ID }, 201);
      if (url.pathname === MESSAGES && req.method === 'POST')
        return problem(400, 'Bad Request', 'Validation failed', [
          { field: 'fileId', message: 'fileId must be an audio file (webm, ogg, mp3, m4a or wav)' },
        ]);
      if (url.pathname === MESSAGES) return json([]);
      return undefined;
    });
    renderAt('/t', routes);
    const form = await chooseAndSend(wav());
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The recording cannot be sent: The audio must be an audio file (webm, ogg, mp3, m4a or wav).');
    expect(alert.textContent).not.toContain('fileId');
  });

  it('refuses a missing title and a file over 10 MB before uploading anything', async () => {
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) => (url.pathname === MESSAGES ? json([]) : undefined));
    renderAt('/t', routes);
    const form = await chooseAndSend(wav(10 * 1024 * 1024 + 1), ' ');
    expect(await within(form).findByText('Give the message a title the client will recognise.')).toBeTruthy();
    expect(within(form).getByText('The recording is too large: at most 10.0 MB. Record a shorter message.')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('a refused list (403) is a sentence, and without the manage permission there is no form', async () => {
    stubApi(meWith(['patients.view']), (_req, url) =>
      url.pathname === MESSAGES ? problem(403, 'Forbidden', 'You do not have permission "portal.activity.view" here.') : undefined,
    );
    renderAt('/t', routes);
    expect((await screen.findByRole('alert')).textContent).toContain("Your role does not let you see your clients' portal activity here.");
    expect(screen.queryByRole('form', { name: 'Send an audio message' })).toBeNull();
  });
});
