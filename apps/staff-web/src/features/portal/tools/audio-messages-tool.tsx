import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useState } from 'react';

import { api, call, type Schemas } from '../../../api/client';
import { ApiError, fieldErrorOf, plainWords } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';
import { canRecord, extensionFor, useAudioRecorder } from './audio-recorder';
import { fetchAudioUrl, MAX_AUDIO_BYTES, uploadPortalFile } from './audio-upload';

type AudioMessage = Schemas['AudioMessageResponseDto'];
const MANAGE = 'portal.audio-messages.manage';
const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function playWords(m: Pick<AudioMessage, 'playCount' | 'lastPlayedAt'>): string {
  if (m.playCount === 0 || !m.lastPlayedAt) return 'Not played by the client yet';
  return `Played by the client ${m.playCount === 1 ? 'once' : `${m.playCount} times`}, last on ${when.format(new Date(m.lastPlayedAt))}`;
}

/** Why a send failed, as one sentence (the upload's 413/415, the message's 400 on the audio, anything else). */
function sendFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The message was not sent. Try again in a moment.';
  const p = error.problem;
  if (p.status === 413) return `The recording is too large: at most ${sizeWords(MAX_AUDIO_BYTES)}. Record a shorter message.`;
  if (p.status === 415) return 'That file is not audio the portal can play. Use a webm, ogg, mp3, m4a or wav recording.';
  const onFile = fieldErrorOf(error, 'fileId') ?? fieldErrorOf(error, 'file');
  if (p.status === 400 && onFile) return `The recording cannot be sent: ${onFile}`;
  return plainWords(p);
}

/**
 * Audio messages for one client (seed §5, the client's Audio Vault): record in the browser (MediaRecorder) or pick
 * a file, name it, send it (upload with POST /patients/:id/portal-files, then POST /patients/:id/audio-messages);
 * the list of what was sent, each playable here and with how often the client played it.
 */
export function AudioMessagesTool({ patientId }: { patientId: string }) {
  const { permissions, scope } = useAuth();
  const key = ['audio-messages', scope.organizationId ?? null, patientId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/patients/{id}/audio-messages', { params: { path: { id: patientId } } })),
  });
  return (
    <Card title="Audio messages">
      <p className="muted">
        Recordings you send appear in the client's Audio Vault in the portal. Only the client, you and portal administrators can play them.
      </p>
      {permissions.has(MANAGE) && <SendAudioForm patientId={patientId} listKey={key} />}
      <h3>Sent to this client</h3>
      {list.error ? (
        <ErrorMessage error={list.error} />
      ) : !list.data ? (
        <p role="status">Loading audio messages…</p>
      ) : list.data.length === 0 ? (
        <p>No audio messages yet.</p>
      ) : (
        <ul className="portal-tool-list" aria-label="Audio messages sent">
          {list.data.map((m) => (
            <AudioMessageItem key={m.audioMessageId} m={m} patientId={patientId} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function AudioMessageItem({ m, patientId }: { m: AudioMessage; patientId: string }) {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const listen = async () => {
    setLoading(true);
    setError(undefined);
    try {
      setUrl(await fetchAudioUrl(patientId, m.audioMessageId));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <li className="portal-audio" data-audio-message-id={m.audioMessageId}>
      <div>
        <p>
          <strong>{m.title}</strong>
        </p>
        <p className="muted">
          Sent {when.format(new Date(m.createdAt))} · {sizeWords(m.byteSize)} · {playWords(m)}
        </p>
        {url ? (
          // eslint-disable-next-line jsx-a11y/media-has-caption -- a spoken message from the therapist; its title says what it is
          <audio controls src={url} aria-label={`Play: ${m.title}`} />
        ) : (
          <Button variant="secondary" disabled={loading} onClick={() => void listen()}>
            {loading ? 'Loading…' : 'Listen'}
            <span className="visually-hidden">: {m.title}</span>
          </Button>
        )}
        {error !== undefined && <ErrorMessage error={error} />}
      </div>
    </li>
  );
}

function SendAudioForm({ patientId, listKey }: { patientId: string; listKey: unknown[] }) {
  const qc = useQueryClient();
  const id = useId();
  const recorder = useAudioRecorder();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [checked, setChecked] = useState<{ title?: string; audio?: string }>({});
  const [sent, setSent] = useState<string>();
  const recordingAllowed = canRecord();
  const audio: { blob: Blob; name: string } | undefined =
    recorder.state.kind === 'recorded'
      ? { blob: recorder.state.blob, name: `recording.${extensionFor(recorder.state.blob.type)}` }
      : file
        ? { blob: file, name: file.name }
        : undefined;
  const send = useMutation({
    mutationFn: async (v: { title: string; blob: Blob; name: string }) => {
      const uploaded = await uploadPortalFile(patientId, v.blob, v.name);
      return call(
        api.POST('/api/v1/patients/{id}/audio-messages', {
          params: { path: { id: patientId } },
          body: { title: v.title, fileId: uploaded.fileId },
        }),
      );
    },
    onSuccess: (m) => {
      setSent(m.title);
      setTitle('');
      setFile(null);
      setFileInputKey((k) => k + 1);
      recorder.discard();
      void qc.invalidateQueries({ queryKey: listKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(undefined);
    const found: { title?: string; audio?: string } = {};
    if (!title.trim()) found.title = 'Give the message a title the client will recognise.';
    else if (title.trim().length > 200) found.title = 'The title must be at most 200 characters.';
    if (!audio) found.audio = recordingAllowed ? 'Record a message or choose an audio file.' : 'Choose an audio file.';
    else if (audio.blob.size > MAX_AUDIO_BYTES)
      found.audio = `The recording is too large: at most ${sizeWords(MAX_AUDIO_BYTES)}. Record a shorter message.`;
    setChecked(found);
    if (found.title || found.audio || !audio) return;
    send.mutate({ title: title.trim(), blob: audio.blob, name: audio.name });
  };
  const titleError = checked.title ?? fieldErrorOf(send.error, 'title');
  const r = recorder.state;
  return (
    <form onSubmit={submit} noValidate aria-label="Send an audio message" className="portal-tool-form">
      <h3>Send a new message</h3>
      <Field id={`${id}-title`} label="Title" hint="The client sees it in their Audio Vault." error={titleError}>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          aria-invalid={Boolean(titleError)}
          aria-describedby={Field.describedBy(`${id}-title`, { hint: true, error: titleError })}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      {recordingAllowed && (
        <div className="portal-tool-row" aria-live="polite">
          {r.kind === 'recording' ? (
            <>
              <span role="status">
                <span aria-hidden="true">● </span>Recording…
              </span>
              <Button variant="danger" onClick={() => recorder.stop()}>
                Stop recording
              </Button>
            </>
          ) : r.kind === 'recorded' ? (
            <>
              {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the therapist's own recording, before sending */}
              <audio controls src={r.url} aria-label="Your recording" />
              <span>Recorded {r.seconds} s.</span>
              <Button variant="quiet" onClick={() => recorder.discard()}>
                Discard and record again
              </Button>
            </>
          ) : (
            <Button variant="secondary" disabled={r.kind === 'starting' || !!file} onClick={() => void recorder.start()}>
              {r.kind === 'starting' ? 'Asking for the microphone…' : 'Record with the microphone'}
            </Button>
          )}
        </div>
      )}
      {r.kind === 'failed' && (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>
          {r.message}
        </p>
      )}
      <Field
        id={`${id}-file`}
        label={recordingAllowed ? 'Or upload an audio file' : 'Audio file'}
        hint={`webm, ogg, mp3, m4a or wav; at most ${sizeWords(MAX_AUDIO_BYTES)}.${recordingAllowed ? '' : ' This browser cannot record: upload a recording made elsewhere.'}`}
        error={checked.audio}
      >
        <input
          key={fileInputKey}
          id={`${id}-file`}
          type="file"
          accept="audio/*,.webm,.ogg,.mp3,.m4a,.wav"
          disabled={r.kind === 'recorded' || r.kind === 'recording'}
          aria-invalid={Boolean(checked.audio)}
          aria-describedby={Field.describedBy(`${id}-file`, { hint: true, error: checked.audio })}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Field>
      <div className="portal-tool-row">
        <Button type="submit" disabled={send.isPending || r.kind === 'recording'}>
          {send.isPending ? 'Sending…' : 'Send to the client'}
        </Button>
      </div>
      {send.error !== null && !fieldErrorOf(send.error, 'title') && (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>
          {sendFailure(send.error)}
        </p>
      )}
      {sent && (
        <p role="status" className="success">
          <span aria-hidden="true">✓ </span>Sent “{sent}”. The client can play it in their Audio Vault.
        </p>
      )}
    </form>
  );
}
