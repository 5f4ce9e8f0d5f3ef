import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { api, call } from '../../../api/client';
import { API_BASE_URL } from '../../../api/runtime-config';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

/**
 * Live updates over GET /dashboards/stream: EventSource cannot send the bearer token, so each (re)connection first
 * exchanges it for a single-use ticket (POST /dashboards/stream/tickets) and resumes after the last change seen
 * (`lastEventId`). A `metrics-changed` event refetches the dashboard queries. A dropped stream is "reconnecting"
 * and retried with a fresh ticket after a growing pause; a refused ticket (403) means no live updates here.
 */
export function useDashboardStream(enabled: boolean): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastEventId = '';
    let attempt = 0;
    const retry = () => {
      if (stopped) return;
      setState('reconnecting');
      attempt += 1;
      timer = setTimeout(() => void connect(), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    };
    const connect = async () => {
      let url: string;
      try {
        const t = await call(api.POST('/api/v1/dashboards/stream/tickets'));
        url = t.url;
      } catch (e) {
        if ((e as { problem?: { status?: number } }).problem?.status === 403) {
          if (!stopped) setState('unavailable');
          return;
        }
        retry();
        return;
      }
      if (stopped) return;
      const full = new URL(`${API_BASE_URL}${url}`, window.location.origin);
      if (lastEventId) full.searchParams.set('lastEventId', lastEventId);
      source = new EventSource(full.toString());
      source.addEventListener('ready', () => {
        attempt = 0;
        setState('live');
      });
      source.addEventListener('metrics-changed', (e) => {
        lastEventId = (e as MessageEvent).lastEventId || lastEventId;
        void qc.invalidateQueries({ queryKey: ['dashboards'] });
      });
      source.onerror = () => {
        // The ticket was single-use: the browser's own reconnect would be refused, so close and start over.
        source?.close();
        source = undefined;
        retry();
      };
    };
    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [enabled, qc]);
  return enabled ? state : 'unavailable';
}

const LIVE_WORDS: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Not live: refresh the page for new figures',
};

/** The stream's state in words with a symbol (never colour alone), announced politely when it changes. */
export function LiveBadge({ state }: { state: LiveState }) {
  const symbol = state === 'live' ? '●' : state === 'unavailable' ? '○' : '◌';
  return (
    <p className={`live live-${state}`} role="status">
      <span aria-hidden="true">{symbol} </span>
      {LIVE_WORDS[state]}
    </p>
  );
}
