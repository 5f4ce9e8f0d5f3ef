import type { BrowserContext, Page } from 'playwright-core';

import { DemoApi, noSidewaysScroll, signIn } from './demo-session';
import { assert, PageAuditor } from './harness';
import type { Servers } from './staff-web.e2e';

/**
 * The chart's encounters and the group session page, against the real API with the demo data after the
 * worker has generated the documented demo sessions' encounters (tools/testing/run-browser-tests.ts). What to open is
 * found through the API as the same user, so the tests follow the data instead of fixing ids.
 */
const SUPERVISOR = 'supervisor@sonoran.cairn.test';

interface SessionSummary {
  id: string;
  groupId: string;
  groupName: string;
  sudProgram: boolean;
  sessionDate: string;
  status: string;
}
interface SessionDetail extends SessionSummary {
  facilitatorId: string;
  attendance: { patientId: string | null; consentRequired: boolean; status: string; minutesAttended: number }[];
}
interface EncounterPage {
  items: {
    encounterType: string;
    serviceDate: string;
    groupSession: { sessionId: string; groupName: string | null; attendanceStatus: string; minutesAttended: number } | null;
  }[];
  total: number;
  withheld: number;
  withheldReason: string | null;
}

/** Desktop, then tablet width (768 px) with no sideways scrolling of the page, axe and a screenshot at each. */
async function auditBothWidths(page: Page, audit: PageAuditor, name: string): Promise<void> {
  await audit.check(page, name);
  await page.setViewportSize({ width: 768, height: 1024 });
  await noSidewaysScroll(page, name);
  await audit.check(page, `${name}-tablet`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function documentedSessions(api: DemoApi): Promise<SessionSummary[]> {
  return (await api.get<{ items: SessionSummary[] }>('/api/v1/group-sessions?pageSize=100&status=documented')).items;
}

const isId = (t: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t.trim());

export function chartEncounterTests(s: Servers, audit: PageAuditor): [string, (ctx: BrowserContext) => Promise<void>][] {
  return [
    [
      "supervisor sees a patient's group attendance on the chart and opens the session",
      async (ctx) => {
        const api = await DemoApi.as(s.api, SUPERVISOR);
        // A documented session of a group outside the SUD program, and one of its present or partial attendees.
        let found: { session: SessionDetail; patientId: string; status: string; minutes: number } | undefined;
        for (const summary of (await documentedSessions(api)).filter((x) => !x.sudProgram)) {
          const session = await api.get<SessionDetail>(`/api/v1/group-sessions/${summary.id}`);
          const partial =
            session.attendance.find((a) => a.patientId && a.status === 'partial') ??
            session.attendance.find((a) => a.patientId && a.status === 'present');
          if (partial) {
            found = { session, patientId: partial.patientId!, status: partial.status, minutes: partial.minutesAttended };
            break;
          }
        }
        assert(found, 'the demo data has a documented group session with a named attendee');
        const { session, patientId } = found;
        const onDay = await api.get<EncounterPage>(
          `/api/v1/patients/${patientId}/encounters?from=${session.sessionDate}&to=${session.sessionDate}`,
        );
        assert(
          onDay.items.some((e) => e.groupSession?.sessionId === session.id),
          `the worker generated the group encounter of session ${session.id}`,
        );

        const page = await ctx.newPage();
        await signIn(page, s.web, SUPERVISOR);
        await page.goto(`${s.web}/patients/${patientId}`);
        await page.getByRole('heading', { name: 'Encounters' }).waitFor();
        await page
          .getByRole('status')
          .filter({ hasText: /^\d+ encounters?\. Page 1 of \d+\./ })
          .waitFor();
        // The date range filter: only that day's encounters.
        await page.getByLabel('From', { exact: true }).fill(session.sessionDate);
        await page.getByLabel('To', { exact: true }).fill(session.sessionDate);
        await page.getByRole('button', { name: 'Show encounters' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `from ${session.sessionDate} to ${session.sessionDate}` })
          .waitFor();
        assert(new URL(page.url()).searchParams.get('from') === session.sessionDate, 'the filter is kept in the address');
        const row = page.locator('table.encounters tbody tr', { has: page.getByRole('link', { name: session.groupName }) });
        await row.waitFor();
        const cells = await row.locator('td').allInnerTexts();
        assert(cells[0] === session.sessionDate && cells[1] === 'Group', `date and type: ${cells.join(' | ')}`);
        const statusWord = found.status === 'partial' ? 'Partial' : 'Present';
        assert(
          cells[3]!.includes(statusWord) && cells[4] === String(found.minutes),
          `attendance ${statusWord} with ${found.minutes} minutes: ${cells.join(' | ')}`,
        );
        const provider = row.locator('.staff-name[title^="Staff user "]');
        await provider.waitFor();
        assert(!isId(await provider.innerText()), 'the rendering provider is named');
        await auditBothWidths(page, audit, 'patient-chart-encounters');

        await row.getByRole('link', { name: session.groupName }).click();
        await page.locator('#session-heading').waitFor();
        assert(new URL(page.url()).pathname === `/group-sessions/${session.id}`, `the link opens the session (${page.url()})`);
        const heading = await page.locator('#session-heading').innerText();
        assert(heading.includes(session.groupName) && heading.includes(session.sessionDate), `session heading: ${heading}`);
        const header = await page.locator('.chart-header').innerText();
        assert(header.includes('Documented'), `the header says the session is documented: ${header}`);
        const facilitator = page.locator('.chart-header .staff-name[title^="Staff user "]').first();
        await facilitator.waitFor();
        assert(!isId(await facilitator.innerText()), 'the facilitator is named');
        const roster = page.locator('table.roster tbody tr');
        assert(
          (await roster.count()) === session.attendance.length,
          `one roster row per attendee (${await roster.count()} of ${session.attendance.length})`,
        );
        const attendee = page.locator(`table.roster a[href="/patients/${patientId}"]`);
        await page.waitForFunction(
          (sel) => !!document.querySelector(sel) && document.querySelector(sel)!.textContent !== 'Patient chart',
          `table.roster a[href="/patients/${patientId}"]`,
        );
        assert((await attendee.innerText()).includes(','), 'the attendee is named from their chart');
        await auditBothWidths(page, audit, 'group-session');
      },
    ],
    [
      'a Part 2 chart without a consent covering group encounters shows the withheld count and no session or attendee ids',
      async (ctx) => {
        const api = await DemoApi.as(s.api, SUPERVISOR);
        const sudSessions = (await documentedSessions(api)).filter((x) => x.sudProgram);
        assert(sudSessions.length > 0, 'the demo data has documented SUD group sessions');
        let withheldPatient: { id: string; page: EncounterPage } | undefined;
        for (let p = 1; !withheldPatient && p <= 20; p++) {
          const list = await api.get<{ items: { id: string; chart?: { isPart2: boolean } | null }[] }>(
            `/api/v1/patients?page=${p}&pageSize=100`,
          );
          if (list.items.length === 0) break;
          for (const patient of list.items.filter((i) => i.chart?.isPart2)) {
            const enc = await api.get<EncounterPage>(`/api/v1/patients/${patient.id}/encounters?pageSize=20`);
            if (enc.withheld > 0) {
              withheldPatient = { id: patient.id, page: enc };
              break;
            }
          }
        }
        assert(withheldPatient, 'the demo data has a Part 2 chart whose SUD group encounters the supervisor may not see');
        const { withheld, withheldReason } = withheldPatient.page;

        const page = await ctx.newPage();
        await signIn(page, s.web, SUPERVISOR);
        await page.goto(`${s.web}/patients/${withheldPatient.id}`);
        const notice = page.locator('.withheld');
        await notice.waitFor();
        const text = (await notice.innerText()).trim();
        const count = `${withheld} group encounter${withheld === 1 ? '' : 's'} withheld: `;
        assert(text.includes(count), `the chart counts the withheld encounters ("${text}", expected "${count}")`);
        if (withheldReason === 'no_consent')
          assert(text.includes('no Part 2 consent covering group encounters'), `the reason in plain words: ${text}`);
        assert(!text.includes(withheldReason ?? '_'), `the reason is in words, not the API's code: ${text}`);
        assert((await page.locator('.chart-header').innerText()).includes('Part 2'), 'the header marks the chart Part 2');
        const html = await page.content();
        for (const sud of sudSessions) assert(!html.includes(sud.id), `no SUD group session id on the page (${sud.id})`);
        await auditBothWidths(page, audit, 'patient-chart-part2-withheld');

        // An SUD session: attendees no consent covers for the supervisor are listed as withheld, without ids.
        let sud: SessionDetail | undefined;
        for (const x of sudSessions) {
          const detail = await api.get<SessionDetail>(`/api/v1/group-sessions/${x.id}`);
          if (detail.attendance.some((a) => a.consentRequired)) {
            sud = detail;
            break;
          }
        }
        assert(sud, 'an SUD group session has attendees withheld from the supervisor');
        await page.goto(`${s.web}/group-sessions/${sud.id}`);
        await page.locator('table.roster').waitFor();
        const withheldRows = page.locator('table.roster tbody tr.withheld-row');
        const expected = sud.attendance.filter((a) => a.consentRequired).length;
        assert((await withheldRows.count()) === expected, `${expected} withheld roster rows (got ${await withheldRows.count()})`);
        assert((await withheldRows.locator('a').count()) === 0, 'a withheld attendee has no chart link');
        for (const t of await withheldRows.allInnerTexts())
          assert(t.includes('Withheld') && !/[0-9a-f]{8}-[0-9a-f]{4}-/i.test(t), `withheld row shows no id: ${t}`);
        await auditBothWidths(page, audit, 'group-session-sud-withheld');
      },
    ],
    [
      "a user without cl.groups.view opening a session URL directly gets the API's 403 in plain words",
      async (ctx) => {
        const api = await DemoApi.as(s.api, SUPERVISOR);
        const [session] = await documentedSessions(api);
        assert(session, 'a documented session exists');
        const page = await ctx.newPage();
        await signIn(page, s.web, 'hr@sonoran.cairn.test');
        await page.goto(`${s.web}/group-sessions/${session.id}`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = await alert.innerText();
        assert(text.includes('You do not have permission to see this') && text.includes('status 403'), `alert says: ${text}`);
        assert(!text.includes(session.groupName), 'nothing of the session is shown');
        await audit.check(page, 'group-session-forbidden');
      },
    ],
  ];
}
