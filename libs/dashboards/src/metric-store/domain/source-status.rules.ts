import type { SignalSourceKey } from '@cairn/platform/performance-signals';

/**
 * How often each source is expected to succeed before its values count as silent (stale): real-time and
 * near-real-time sources every 5 minutes (the near-real-time scheduler runs every 60 s by default), batch-only
 * sources once a day plus two hours of slack for the nightly job.
 */
export const EXPECTED_INTERVAL_SECONDS: Record<SignalSourceKey, number> = {
  'pm.appointments': 300,
  'pm.charges': 300,
  'cl.documentation': 300,
  'cl.group-encounters': 300,
  'cl.peer': 300,
  'cl.caseload': 26 * 3600,
  'cl.consents': 26 * 3600,
  'cl.supervision': 26 * 3600,
  'platform.audit': 26 * 3600,
  'portal.engagement': 300,
};

/** The text stored for a failing source: the error's name and message, one line, at most 300 characters. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The scope key of a cell: its site and provider, '-' for none. */
export const scopeKey = (siteId: string | null, providerId: string | null): string => `${siteId ?? '-'}|${providerId ?? '-'}`;
