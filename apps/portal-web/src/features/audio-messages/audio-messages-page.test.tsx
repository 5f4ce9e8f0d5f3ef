import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { AudioMessagesPage } from './audio-messages-page';

const MESSAGE = {
  audioMessageId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  patientId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  title: 'Grounding, 5-4-3-2-1',
  contentType: 'audio/wav',
  byteSize: 2044,
  createdBy: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  createdAt: '2026-12-01T09:00:00Z',
  playCount: 2,
  lastPlayedAt: '2026-12-02T09:00:00Z',
};

let revoked: string[];
beforeEach(() => {
  revoked = [];
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:audio-1', revokeObjectURL: (u: string) => void revoked.push(u) }));
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const answer = (_m: string, path: string) =>
  path.endsWith('/content') ? new Response(new Uint8Array(2044), { headers: { 'Content-Type': 'audio/wav' } }) : json([MESSAGE]);

describe('AudioMessagesPage', () => {
  it('says the therapist sees plays, and fetches the audio with the token only when the client taps Play', async () => {
    const { calls } = renderWithApi(<AudioMessagesPage />, answer);
    expect(await screen.findByRole('heading', { name: 'Grounding, 5-4-3-2-1' })).toBeTruthy();
    expect(screen.getByText(/Your therapist can see whether and when you played each one/)).toBeTruthy();
    expect(screen.getByText(/Played 2 times, last on December 2/)).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/content'))).toBe(false);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Play Grounding, 5-4-3-2-1' }));
    const audio = (await screen.findByLabelText('Audio message: Grounding, 5-4-3-2-1')) as HTMLAudioElement;
    expect(audio.getAttribute('src')).toBe('blob:audio-1');
    const content = calls.filter((c) => c.path.endsWith('/content'));
    expect(content).toHaveLength(1);
    expect(content[0]?.path).toBe(`/api/v1/portal/audio-messages/${MESSAGE.audioMessageId}/content`);
    expect(content[0]?.authorization).toBe('Bearer access-1');
    expect(HTMLMediaElement.prototype.play).toHaveBeenCalled();
  });

  it('seeks back and forward by ten seconds, never before the start or past the end', async () => {
    renderWithApi(<AudioMessagesPage />, answer);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Play Grounding, 5-4-3-2-1' }));
    const audio = (await screen.findByLabelText('Audio message: Grounding, 5-4-3-2-1')) as HTMLAudioElement;
    let t = 4;
    Object.defineProperty(audio, 'currentTime', { get: () => t, set: (v: number) => (t = v), configurable: true });
    Object.defineProperty(audio, 'duration', { get: () => 25, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Forward 10 seconds' }));
    expect(t).toBe(14);
    await user.click(screen.getByRole('button', { name: 'Forward 10 seconds' }));
    await user.click(screen.getByRole('button', { name: 'Forward 10 seconds' }));
    expect(t).toBe(25);
    t = 6;
    await user.click(screen.getByRole('button', { name: 'Back 10 seconds' }));
    expect(t).toBe(0);
  });

  it('shows a failed play as a sentence and keeps the Play button', async () => {
    renderWithApi(<AudioMessagesPage />, (_m, path) =>
      path.endsWith('/content')
        ? json({ status: 404, title: 'Not Found', detail: 'No audio message with that id in your scope.' }, 404)
        : json([MESSAGE]),
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Play Grounding, 5-4-3-2-1' }));
    expect((await screen.findByRole('alert')).textContent).toContain('We could not find this.');
    expect(screen.getByRole('button', { name: 'Play Grounding, 5-4-3-2-1' })).toBeTruthy();
  });

  it('says so when there is no message yet', async () => {
    renderWithApi(<AudioMessagesPage />, () => json([]));
    expect(await screen.findByText('Your therapist has not sent you an audio message yet.')).toBeTruthy();
  });
});
