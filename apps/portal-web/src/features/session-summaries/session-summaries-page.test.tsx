import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { SessionSummariesPage, SessionSummaryPage } from './session-summaries-page';

const SUMMARY = {
  summaryId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  patientId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  appointmentId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  appointmentStartAt: '2026-11-30T17:00:00Z',
  clinicianName: 'Dana Reyes, LCSW',
  summary: 'We practised box breathing.\nTry it once a day.',
  sharedBy: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  sharedAt: '2026-12-01T09:00:00Z',
};

const routes = (
  <Routes>
    <Route path="/session-summaries" element={<SessionSummariesPage />} />
    <Route path="/session-summaries/:summaryId" element={<SessionSummaryPage />} />
  </Routes>
);

afterEach(() => vi.unstubAllGlobals());

describe('SessionSummariesPage', () => {
  it('lists the summaries with their session, says who sees them and what a download means, and opens one', async () => {
    const { calls } = renderWithApi(
      routes,
      (_m, path) => (path.endsWith(SUMMARY.summaryId) ? json(SUMMARY) : json({ items: [SUMMARY], page: 1, pageSize: 10, total: 1 })),
      { path: '/session-summaries' },
    );
    expect(await screen.findByRole('heading', { name: 'Session on Monday, November 30, 2026 with Dana Reyes, LCSW' })).toBeTruthy();
    expect(screen.getByText(/part of your record at the clinic/)).toBeTruthy();
    expect(screen.getByText(/anyone who uses it can open the file/)).toBeTruthy();
    expect(calls[0]?.path).toBe('/api/v1/portal/session-summaries?page=1&pageSize=10');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Read the summary of November 30, 2026' }));
    expect(await screen.findByText('Try it once a day.')).toBeTruthy();
    expect(calls.at(-1)?.path).toBe(`/api/v1/portal/session-summaries/${SUMMARY.summaryId}`);
  });

  it("downloads the PDF with the client's token", async () => {
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:pdf'), revokeObjectURL: () => undefined }),
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { calls } = renderWithApi(
      routes,
      (_m, path) => (path.endsWith('/pdf') ? new Response('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } }) : json(SUMMARY)),
      { path: `/session-summaries/${SUMMARY.summaryId}` },
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download PDF of the summary of November 30, 2026' }));
    expect(await screen.findByText('Downloaded. Look for session-summary-2026-11-30.pdf in your downloads.')).toBeTruthy();
    const pdf = calls.find((c) => c.path.endsWith('/pdf'));
    expect(pdf?.path).toBe(`/api/v1/portal/session-summaries/${SUMMARY.summaryId}/pdf`);
    expect(pdf?.authorization).toBe('Bearer access-1');
    expect(created).toHaveLength(1);
    expect(clicked).toHaveBeenCalledTimes(1);
    clicked.mockRestore();
  });

  it("answers another client's or a removed summary with a sentence", async () => {
    renderWithApi(routes, () => json({ status: 404, title: 'Not Found', detail: 'No session summary with that id in your scope.' }, 404), {
      path: `/session-summaries/${SUMMARY.summaryId}`,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('We could not find this. It may have been removed.');
    expect(alert.textContent).not.toMatch(/404|summaryId/);
  });

  it('says so when the therapist has not shared one yet', async () => {
    renderWithApi(routes, () => json({ items: [], page: 1, pageSize: 10, total: 0 }), { path: '/session-summaries' });
    expect(await screen.findByText('Your therapist has not shared a session summary yet.')).toBeTruthy();
  });
});
