import { isoDate } from '@cairn/platform/kernel';

import type { PortalRow } from '../../portal.tx';

export const PROMPT_KINDS = ['daily_prompt', 'check_in'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export interface PromptResponseView {
  responseId: string;
  responseDate: string;
  body: string;
  createdAt: string;
}

export interface PortalPromptView {
  promptId: string;
  patientId: string;
  kind: string;
  question: string;
  availableFrom: string;
  endsOn: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  /** Open for an answer today (available, not closed, not past its last day, not yet answered today / at all). */
  open: boolean;
  responses: PromptResponseView[];
}

/** Whether the client may answer the prompt on `today` (YYYY-MM-DD) at `now`. */
export function isOpen(p: PortalRow<'dailyPrompt'>, responses: readonly { responseDate: Date }[], today: string, now: Date): boolean {
  if (p.closedAt || p.availableFrom > now) return false;
  if (p.endsOn && isoDate(p.endsOn) < today) return false;
  if (p.kind === 'check_in') return responses.length === 0;
  return !responses.some((r) => isoDate(r.responseDate) === today);
}

export function toPortalPromptView(
  p: PortalRow<'dailyPrompt'>,
  responses: readonly PortalRow<'promptResponse'>[],
  today: string,
  now: Date,
): PortalPromptView {
  return {
    promptId: p.id,
    patientId: p.patientId,
    kind: p.kind,
    question: p.question,
    availableFrom: p.availableFrom.toISOString(),
    endsOn: p.endsOn ? isoDate(p.endsOn) : null,
    closedAt: p.closedAt?.toISOString() ?? null,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    open: isOpen(p, responses, today, now),
    responses: [...responses]
      .sort((a, b) => b.responseDate.getTime() - a.responseDate.getTime())
      .map((r) => ({ responseId: r.id, responseDate: isoDate(r.responseDate), body: r.body, createdAt: r.createdAt.toISOString() })),
  };
}
