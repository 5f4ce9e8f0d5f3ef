import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { api, AudioMessage, call } from '../../api/client';
import { fetchPortalBlob } from '../../shared/download';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';

const SKIP_SECONDS = 10;

function playedWords(m: AudioMessage): string {
  if (m.playCount === 0) return 'Not played yet';
  const times = m.playCount === 1 ? 'once' : `${m.playCount} times`;
  return m.lastPlayedAt ? `Played ${times}, last on ${dayWords(m.lastPlayedAt)}` : `Played ${times}`;
}

/**
 * One message's player. An <audio src> cannot send the client's token, so the bytes are fetched with it (one
 * request, which the API audits as a play) into a Blob URL: the browser then holds the whole message and seeks in
 * it without asking again. The URL is revoked when the player goes away.
 */
function Player({ message }: { message: AudioMessage }) {
  const queryClient = useQueryClient();
  const audio = useRef<HTMLAudioElement>(null);
  const [url, setUrl] = useState<string>();
  const load = useMutation({
    mutationFn: () => fetchPortalBlob(`/api/v1/portal/audio-messages/${encodeURIComponent(message.audioMessageId)}/content`),
    onSuccess: (blob) => {
      setUrl(URL.createObjectURL(blob));
      void queryClient.invalidateQueries({ queryKey: ['audio-messages'] });
    },
  });
  useEffect(() => {
    if (!url) return;
    // Started by the client's tap on Play; a browser that still refuses leaves the controls to start it.
    audio.current?.play().catch(() => undefined);
    return () => URL.revokeObjectURL(url);
  }, [url]);
  const skip = (by: number) => {
    const a = audio.current;
    if (!a) return;
    const end = Number.isFinite(a.duration) ? a.duration : Number.MAX_SAFE_INTEGER;
    a.currentTime = Math.min(Math.max(0, a.currentTime + by), end);
  };
  if (!url)
    return (
      <>
        <button type="button" aria-label={`Play ${message.title}`} disabled={load.isPending} onClick={() => load.mutate()}>
          {load.isPending ? 'Loading…' : 'Play'}
        </button>
        {load.isError && <ErrorMessage error={load.error} />}
      </>
    );
  return (
    <div className="player">
      {/* An audio-only message with no transcript stored (the API has none yet): the page offers the words in writing
          from the therapist instead of a captions track (WCAG 1.2.1's alternative for prerecorded audio). */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <audio
        ref={audio}
        controls
        src={url}
        aria-label={`Audio message: ${message.title}`}
        data-testid={`audio-${message.audioMessageId}`}
      />
      <div className="player-skip">
        <button type="button" className="secondary" onClick={() => skip(-SKIP_SECONDS)}>
          Back {SKIP_SECONDS} seconds
        </button>
        <button type="button" className="secondary" onClick={() => skip(SKIP_SECONDS)}>
          Forward {SKIP_SECONDS} seconds
        </button>
      </div>
    </div>
  );
}

export function AudioMessagesPage() {
  const list = useQuery({ queryKey: ['audio-messages'], queryFn: () => call(api.GET('/api/v1/portal/audio-messages')) });
  return (
    <>
      <h1>Audio messages</h1>
      <p className="muted">
        Messages your therapist recorded for you, to play whenever you need them. Your therapist can see whether and when you played each
        one.
      </p>
      <p className="muted">If you cannot listen to a message, ask your therapist for its words in writing.</p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.length === 0 && <p>Your therapist has not sent you an audio message yet.</p>}
      <ul className="cards">
        {list.data?.map((m) => (
          <li key={m.audioMessageId} className="card">
            <h2>{m.title}</h2>
            <p className="muted">
              From your therapist, {dayWords(m.createdAt, { year: true })}. {playedWords(m)}.
            </p>
            <Player message={m} />
          </li>
        ))}
      </ul>
    </>
  );
}
