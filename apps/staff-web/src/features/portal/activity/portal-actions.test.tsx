import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { emptyPortal, homework, json, PATIENT, problem, renderTab } from './portal-fake-api.testing';

const base = `/api/v1/patients/${PATIENT}`;
const FILE_ID = '66666666-6666-4666-8666-666666666666';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

const homeworkPage = (items: unknown[]) => () => json({ items, page: 1, pageSize: 100, total: items.length });

describe('Portal activity tab: homework', () => {
  it('reviews handed-in homework with feedback, then shows it reviewed with the feedback', async () => {
    let current = homework({ status: 'completed', completedAt: '2026-12-04T10:00:00Z', completionNote: 'Done on Sunday.' });
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/homework`]: () => homeworkPage([current])(),
      [`POST ${base}/homework/${current.homeworkId}/review`]: async (req) => {
        const { feedback } = (await req.json()) as { feedback: string };
        current = { ...current, status: 'reviewed', feedback, reviewedAt: '2026-12-05T12:00:00Z' };
        return json(current);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Review and give feedback: Thought record' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review “Thought record”' });
    expect(within(dialog).getByText('Done on Sunday.')).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText('Your feedback'), 'Great noticing of the thoughts.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send feedback' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Great noticing of the thoughts.')).toBeTruthy();
    expect(screen.getByText(/✓ Reviewed/)).toBeTruthy();
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({ feedback: 'Great noticing of the thoughts.' });
  });

  it('asks for feedback before sending, and shows a 409 refusal of the review as a sentence', async () => {
    const done = homework({ status: 'completed', completedAt: '2026-12-04T10:00:00Z' });
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/homework`]: homeworkPage([done]),
      [`POST ${base}/homework/${done.homeworkId}/review`]: () =>
        problem(409, 'Conflict', 'This homework was already reviewed; a review cannot be changed.'),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Review and give feedback: Thought record' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send feedback' }));
    expect(within(dialog).getByText('Write your feedback for the client.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText('Your feedback'), 'Well done');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send feedback' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'This homework was already reviewed; a review cannot be changed.',
    );
  });

  it('downloads the handed-in file; a refused download is a sentence', async () => {
    const done = homework({ status: 'completed', completedAt: '2026-12-04T10:00:00Z', submissionFileId: FILE_ID });
    let allow = false;
    const created = vi.fn(() => 'blob:worksheet');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderTab({
      ...emptyPortal(),
      [`GET ${base}/homework`]: homeworkPage([done]),
      [`GET ${base}/portal-files/${FILE_ID}`]: () =>
        allow
          ? new Response('png', {
              status: 200,
              headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="worksheet.png"' },
            })
          : problem(404, 'Not Found', 'No file with that id for this patient.'),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Download the handed-in file' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No file with that id for this patient.');
    allow = true;
    await userEvent.click(screen.getByRole('button', { name: 'Download the handed-in file' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(created).toHaveBeenCalled();
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('worksheet.png');
  });

  it('shows the API’s 400 on the due date under the field as a sentence, without the field key', async () => {
    const sent = renderTab({
      ...emptyPortal(),
      [`POST ${base}/homework`]: () =>
        problem(400, 'Bad Request', 'The request is not valid.', [
          { field: 'dueOn', message: 'dueOn must not be before today in the organization' },
        ]),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign homework' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign homework' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(within(dialog).getByText('Give the homework a title.')).toBeTruthy();
    expect(within(dialog).getByText('Write the instructions for the client.')).toBeTruthy();
    expect(within(dialog).getByText('Choose the due date.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('Title'), 'Sleep diary');
    await userEvent.type(within(dialog).getByLabelText('Instructions'), 'Note bedtime and waking.');
    await userEvent.type(within(dialog).getByLabelText('Due date'), '2026-12-12');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    const error = await within(dialog).findByText('The due date must not be before today in the organization.');
    expect(within(dialog).getByLabelText('Due date').getAttribute('aria-invalid')).toBe('true');
    expect(error.textContent).not.toContain('dueOn');
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
      title: 'Sleep diary',
      description: 'Note bedtime and waking.',
      homeworkType: 'worksheet',
      dueOn: '2026-12-12',
    });
  });

  it('assigns homework with a file: uploads it, assigns, and shares the file as a resource named after the homework', async () => {
    const items: unknown[] = [];
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/homework`]: () => homeworkPage(items)(),
      [`POST ${base}/portal-files`]: () =>
        json({ fileId: FILE_ID, patientId: PATIENT, fileName: 'sheet.pdf', contentType: 'application/pdf' }, 201),
      [`POST ${base}/homework`]: async (req) => {
        const b = (await req.json()) as Record<string, string>;
        const h = homework({ ...b, homeworkId: '77777777-7777-4777-8777-777777777777' });
        items.push(h);
        return json(h, 201);
      },
      [`POST ${base}/resources`]: () => json({ resourceId: '88888888-8888-4888-8888-888888888888' }, 201),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign homework' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign homework' });
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Sleep diary');
    await userEvent.type(within(dialog).getByLabelText('Instructions'), 'Note bedtime and waking.');
    await userEvent.selectOptions(within(dialog).getByLabelText('Kind of homework'), 'Thought record');
    await userEvent.type(within(dialog).getByLabelText('Due date'), '2026-12-12');
    await userEvent.upload(
      within(dialog).getByLabelText('A file for the client (optional)'),
      new File(['%PDF'], 'sheet.pdf', { type: 'application/pdf' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(
      await screen.findByText(/“Sleep diary” is assigned: the client sees it in the portal under Homework, and the file under Resources\./),
    ).toBeTruthy();
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts.map((p) => p.path)).toEqual([`${base}/portal-files`, `${base}/homework`, `${base}/resources`]);
    expect(posts[0]!.body).toMatch(/^multipart\/form-data/);
    expect(posts[1]!.body).toMatchObject({ homeworkType: 'thought_record' });
    expect(posts[2]!.body).toEqual({
      title: 'Worksheet: Sleep diary',
      description: 'For the homework “Sleep diary”, due 2026-12-12.',
      fileId: FILE_ID,
    });
    expect(await screen.findByRole('heading', { name: 'Sleep diary' })).toBeTruthy();
  });

  it('assigns nothing when the file is refused, and says why under the file field', async () => {
    const sent = renderTab({
      ...emptyPortal(),
      [`POST ${base}/portal-files`]: () =>
        problem(400, 'Bad Request', 'The request is not valid.', [
          { field: 'file', message: 'file must be a PDF, Word document, picture or plain text' },
        ]),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Assign homework' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign homework' });
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Sleep diary');
    await userEvent.type(within(dialog).getByLabelText('Instructions'), 'Note bedtime.');
    await userEvent.type(within(dialog).getByLabelText('Due date'), '2026-12-12');
    await userEvent.upload(
      within(dialog).getByLabelText('A file for the client (optional)'),
      new File(['MZ'], 'tool.pdf', { type: 'application/pdf' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(await within(dialog).findByText('File must be a PDF, Word document, picture or plain text.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual([`${base}/portal-files`]);
  });
  it('offers no file to a user who may assign homework but not upload files (the upload would be refused)', async () => {
    renderTab(emptyPortal(), ['patients.view', 'portal.activity.view', 'portal.homework.manage', 'portal.resources.manage']);
    await userEvent.click(await screen.findByRole('button', { name: 'Assign homework' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign homework' });
    expect(within(dialog).getByLabelText('Title')).toBeTruthy();
    expect(within(dialog).queryByLabelText('A file for the client (optional)')).toBeNull();
  });
});

describe('Portal activity tab: resources and questions', () => {
  it('recommends a link; the API’s 400 on the link is a sentence under it', async () => {
    let refuse = true;
    const sent = renderTab({
      ...emptyPortal(),
      [`POST ${base}/resources`]: () =>
        refuse
          ? problem(400, 'Bad Request', 'The request is not valid.', [{ field: 'url', message: 'url must be an https address' }])
          : json({ resourceId: '88888888-8888-4888-8888-888888888888', title: 'Sleep hygiene' }, 201),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Recommend a resource' }));
    const dialog = await screen.findByRole('dialog', { name: 'Recommend a resource' });
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Sleep hygiene');
    await userEvent.type(within(dialog).getByLabelText('Link'), 'http://example.org/sleep');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Recommend' }));
    expect(await within(dialog).findByText('The link must be an https address.')).toBeTruthy();
    refuse = false;
    await userEvent.clear(within(dialog).getByLabelText('Link'));
    await userEvent.type(within(dialog).getByLabelText('Link'), 'https://example.org/sleep');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Recommend' }));
    expect(await screen.findByText('“Sleep hygiene” is recommended: the client sees it in the portal.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').at(-1)?.body).toEqual({ title: 'Sleep hygiene', url: 'https://example.org/sleep' });
  });

  it('withdraws a resource after confirming, and lists it as withdrawn', async () => {
    const r = {
      resourceId: '88888888-8888-4888-8888-888888888888',
      patientId: PATIENT,
      kind: 'link',
      title: 'Sleep hygiene',
      description: null,
      url: 'https://example.org/sleep',
      fileId: null,
      assignedBy: PATIENT,
      assignedAt: '2026-12-01T10:00:00Z',
      withdrawnAt: null as string | null,
    };
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/resources`]: () => json({ items: [r] }),
      [`POST ${base}/resources/${r.resourceId}/withdraw`]: () => {
        r.withdrawnAt = '2026-12-05T12:00:00Z';
        return json(r);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Withdraw: Sleep hygiene' }));
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw “Sleep hygiene”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByText(/withdrawn .*: the client no longer sees it/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw: Sleep hygiene' })).toBeNull();
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual([`${base}/resources/${r.resourceId}/withdraw`]);
    expect(sent.some((s) => s.path === `${base}/resources` && s.search === '?includeWithdrawn=true')).toBe(true);
  });

  it('sends a daily question with its last day; a 400 on the question is a sentence under it', async () => {
    let refuse = true;
    const sent = renderTab({
      ...emptyPortal(),
      [`POST ${base}/portal-prompts`]: async (req) => {
        const b = (await req.json()) as Record<string, string>;
        return refuse
          ? problem(400, 'Bad Request', 'The request is not valid.', [
              { field: 'question', message: 'question must be at most 500 characters' },
            ])
          : json({ promptId: '99999999-1111-4111-8111-111111111111', ...b }, 201);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Send a question' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send a question' });
    await userEvent.click(within(dialog).getByRole('radio', { name: /Every day/ }));
    await userEvent.type(within(dialog).getByLabelText('Question'), 'How did you sleep?');
    await userEvent.type(within(dialog).getByLabelText('Last day to ask (optional)'), '2026-12-20');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Question must be at most 500 characters.')).toBeTruthy();
    refuse = false;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Sent: “How did you sleep?”. The client sees it in the portal.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').at(-1)?.body).toEqual({
      kind: 'daily_prompt',
      question: 'How did you sleep?',
      endsOn: '2026-12-20',
    });
  });
});

describe('Portal activity tab: goals', () => {
  const goal = {
    goalId: '55555555-5555-4555-8555-555555555555',
    patientId: PATIENT,
    title: 'Sleep 7 hours',
    description: null,
    targetDate: null,
    status: 'active',
    progress: 40,
    createdByKind: 'client',
    createdBy: PATIENT,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
  };

  it('records progress with a note; an achieved goal is set to 100 %', async () => {
    let current = { ...goal };
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/goals`]: () => json({ items: [current] }),
      [`POST ${base}/goals/${goal.goalId}/progress`]: async (req) => {
        const b = (await req.json()) as { progress: number; status: string };
        current = { ...current, progress: b.progress, status: b.status };
        return json({ ...current, history: [] }, 201);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Record progress: Sleep 7 hours' }));
    const dialog = await screen.findByRole('dialog', { name: 'Progress on “Sleep 7 hours”' });
    await userEvent.clear(within(dialog).getByLabelText('Progress (%)'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save progress' }));
    expect(within(dialog).getByText('Progress is a whole number from 0 to 100.')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);
    await userEvent.selectOptions(within(dialog).getByLabelText('The goal is'), 'Achieved');
    expect((within(dialog).getByLabelText('Progress (%)') as HTMLInputElement).value).toBe('100');
    await userEvent.type(within(dialog).getByLabelText('A note (optional)'), 'Slept well all week.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save progress' }));
    expect(await screen.findByText(/✓ Achieved · 100%/)).toBeTruthy();
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({ progress: 100, status: 'achieved', note: 'Slept well all week.' });
    expect(screen.queryByRole('button', { name: 'Record progress: Sleep 7 hours' })).toBeNull();
  });

  it('shows a 409 (the goal was closed meanwhile) as a sentence in the dialog', async () => {
    renderTab({
      ...emptyPortal(),
      [`GET ${base}/goals`]: () => json({ items: [goal] }),
      [`POST ${base}/goals/${goal.goalId}/progress`]: () =>
        problem(409, 'Conflict', 'This goal is closed: it takes no more progress updates.'),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Record progress: Sleep 7 hours' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save progress' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('This goal is closed: it takes no more progress updates.');
  });
});
