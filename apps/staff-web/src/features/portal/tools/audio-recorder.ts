import { useEffect, useRef, useState } from 'react';

export type RecorderState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'recording'; startedAt: number }
  | { kind: 'recorded'; blob: Blob; url: string; seconds: number }
  | { kind: 'failed'; message: string };

/** Whether this browser can record from a microphone at all (else the form offers the file upload only). */
export function canRecord(): boolean {
  return typeof window !== 'undefined' && typeof window.MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** The first container this browser records that the API accepts by its bytes (webm, ogg; Safari: mp4/m4a). */
function recordingType(): string | undefined {
  for (const t of ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'])
    if (MediaRecorder.isTypeSupported?.(t)) return t;
  return undefined;
}

export function extensionFor(type: string): string {
  return type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm';
}

/**
 * Recording in the browser (MediaRecorder): start asks for the microphone; stop gives the recording to listen to
 * before sending. A refused microphone is a sentence saying what to do; the tracks are stopped whenever recording
 * ends, so the browser's microphone indicator goes off.
 */
export function useAudioRecorder() {
  const [state, setState] = useState<RecorderState>({ kind: 'idle' });
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const stream = useRef<MediaStream | undefined>(undefined);
  const url = state.kind === 'recorded' ? state.url : undefined;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  useEffect(() => () => stream.current?.getTracks().forEach((t) => t.stop()), []);

  const start = async () => {
    setState({ kind: 'starting' });
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      const denied = e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'SecurityError');
      setState({
        kind: 'failed',
        message: denied
          ? 'The browser did not allow the microphone. Allow it for this site and try again, or upload a recording as a file.'
          : 'No microphone could be used. Check that one is connected, or upload a recording as a file.',
      });
      return;
    }
    const type = recordingType();
    const r = new MediaRecorder(stream.current, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    r.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    r.onstop = () => {
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = undefined;
      const blob = new Blob(chunks, { type: r.mimeType || type || 'audio/webm' });
      setState({ kind: 'recorded', blob, url: URL.createObjectURL(blob), seconds: Math.round((Date.now() - startedAt) / 1000) });
    };
    recorder.current = r;
    r.start();
    setState({ kind: 'recording', startedAt });
  };
  const stop = () => recorder.current?.state === 'recording' && recorder.current.stop();
  const discard = () => setState({ kind: 'idle' });
  return { state, start, stop, discard };
}
