import { noSidewaysScroll, portalBrowser, toneWav } from '@cairn/testing';

/**
 * The client portal in chromium against the real API and the demo data (run by tools/testing/run-browser-tests.ts
 * beside the staff web's tests). Every screen is audited (screenshot + axe, zero serious or critical) at phone
 * (390 px), tablet (768 px) and desktop (1,280 px) widths, and must fit the width without sideways scrolling.
 */
const WIDTHS: typeof portalBrowser.WIDTHS = portalBrowser.WIDTHS;
const assert: typeof portalBrowser.assert = portalBrowser.assert;
const PNG_1X1: typeof portalBrowser.PNG_1X1 = portalBrowser.PNG_1X1;
const login: typeof portalBrowser.login = portalBrowser.login;
const getJson: typeof portalBrowser.getJson = portalBrowser.getJson;
const sendJson: typeof portalBrowser.sendJson = portalBrowser.sendJson;
const lifelineVisible: typeof portalBrowser.lifelineVisible = portalBrowser.lifelineVisible;
const signIn: typeof portalBrowser.signIn = portalBrowser.signIn;
const openScreen: typeof portalBrowser.openScreen = portalBrowser.openScreen;
const newPage: typeof portalBrowser.newPage = portalBrowser.newPage;
const ensureUpcomingAppointment: typeof portalBrowser.ensureUpcomingAppointment = portalBrowser.ensureUpcomingAppointment;
type PortalTest = portalBrowser.PortalTest;
export type PortalServers = portalBrowser.PortalServers;
export type Auditor = portalBrowser.Auditor;

interface MoodEntry {
  moodEntryId: string;
  patientId: string;
  score: number;
  symptoms: string[];
  sharedWithClinician: boolean;
}
interface JournalEntry {
  journalEntryId: string;
  patientId: string;
  body: string;
  sharedWithClinician: boolean;
}
interface Homework {
  homeworkId: string;
  title: string;
  status: string;
  submissionFileId: string | null;
  completionNote: string | null;
}

export function portalWebTests(s: PortalServers, audit: Auditor): PortalTest[] {
  const client = 'client@sonoran.cairn.test';
  const therapist = 'clinician@sonoran.cairn.test';
  return [
    [
      'portal: a client logs a low mood with symptoms shared, writes a private journal entry the therapist cannot read, and hands in homework with a file (390 px)',
      async (browser) => {
        const { ctx, page } = await newPage(browser, 390);
        try {
          await signIn(page, s.portal, client);
          await lifelineVisible(page, 'the dashboard');
          await audit.check(page, 'portal-flow-dashboard-390');

          // A low mood with two symptoms, shared (the default, and the page says who sees it).
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mood' }).click();
          await page.getByRole('heading', { name: 'Mood', level: 1 }).waitFor();
          const shareMood = page.getByRole('checkbox', { name: 'Share this check-in with my therapist' });
          assert(await shareMood.isChecked(), 'a mood check-in is shared by default');
          assert(
            await page.getByText('Your therapist will see your score, what you noticed and your note.').isVisible(),
            'the sharing choice says who sees what',
          );
          await page.getByRole('radio', { name: /^2 \(very low\)$/ }).check();
          await page.getByRole('checkbox', { name: 'Anxious or worried' }).check();
          await page.getByRole('checkbox', { name: 'Trouble sleeping' }).check();
          await page.getByRole('button', { name: 'Save check-in' }).click();
          await page.getByText('Saved. Thank you for checking in: your therapist can see it.').waitFor();
          await lifelineVisible(page, 'the mood page');
          await noSidewaysScroll(page, 'the mood page after a check-in');
          await audit.check(page, 'portal-flow-mood-390');

          const token = await login(s.api, '/api/v1/portal/auth/login', client);
          const moods = await getJson<{ items: MoodEntry[] }>(s.api, '/api/v1/portal/mood-entries?pageSize=5', token);
          const mood = moods.items.find((m) => m.score === 2 && m.symptoms.includes('ANXIETY') && m.symptoms.includes('INSOMNIA'));
          assert(mood && mood.sharedWithClinician, 'the API holds the low mood with both symptoms, shared');

          // The therapist sees the shared mood entry through the staff API.
          const staff = await login(s.api, '/api/v1/auth/login', therapist);
          const staffMoods = await getJson<{ items: { moodEntryId: string }[] }>(
            s.api,
            `/api/v1/patients/${mood.patientId}/mood-entries?pageSize=20`,
            staff,
          );
          assert(
            staffMoods.items.some((m) => m.moodEntryId === mood.moodEntryId),
            'the primary therapist sees the shared low mood',
          );

          // A private journal entry: private is the default, and visibly so.
          await openScreen(page, 'Journal');
          await page.getByRole('heading', { name: 'Journal', level: 1 }).waitFor();
          assert(await page.getByText('Your journal is private.').isVisible(), 'the journal says it is private');
          assert(!(await page.getByRole('checkbox', { name: 'Share this entry with my therapist' }).isChecked()), 'not shared by default');
          const body = `Browser test entry ${portalBrowser.runMarker()}: a hard day, but I went for a walk.`;
          await page.getByLabel('What is on your mind?').fill(body);
          await page.getByRole('button', { name: 'Save privately' }).click();
          await page.getByText('Saved. Only you can see it.').waitFor();
          const card = page.getByRole('listitem').filter({ hasText: body });
          await card.getByText('Private: your therapist cannot see this').waitFor();
          await audit.check(page, 'portal-flow-journal-390');

          const journal = await getJson<{ items: JournalEntry[] }>(s.api, '/api/v1/portal/journal-entries?pageSize=5', token);
          const entry = journal.items.find((j) => j.body === body);
          assert(entry && !entry.sharedWithClinician, 'the API holds the entry as private');
          const staffJournal = await getJson<{ items: { journalEntryId: string }[] }>(
            s.api,
            `/api/v1/patients/${entry.patientId}/journal-entries?pageSize=200`,
            staff,
          );
          assert(!staffJournal.items.some((j) => j.journalEntryId === entry.journalEntryId), 'the therapist cannot read the private entry');

          // Homework: hand in the first to-do with a note and a picture.
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Homework' }).click();
          await page.getByRole('heading', { name: 'Homework', level: 1 }).waitFor();
          const handIn = page.getByRole('button', { name: /^Hand in: / }).first();
          const title = ((await handIn.getAttribute('aria-label')) ?? '').replace(/^Hand in: /, '');
          assert(title, 'the demo client has homework to do');
          await noSidewaysScroll(page, 'the homework page');
          await handIn.click();
          const form = page.getByRole('form', { name: `Hand in: ${title}` });
          await form.getByLabel('A note for your therapist (optional)').fill('Done on Sunday evening.');
          await form.getByLabel('Attach your worksheet or a photo of it (optional)').setInputFiles({
            name: 'worksheet.png',
            mimeType: 'image/png',
            buffer: PNG_1X1,
          });
          await noSidewaysScroll(page, 'the hand-in form with a file chosen');
          await form.getByRole('button', { name: 'Mark as done' }).click();
          await page.getByText(`“${title}” is handed in.`).waitFor();
          await noSidewaysScroll(page, 'the homework page after handing in');
          await audit.check(page, 'portal-flow-homework-390');
          const hw = await getJson<{ items: Homework[] }>(s.api, '/api/v1/portal/homework?pageSize=100', token);
          const done = hw.items.find((h) => h.title === title && h.completionNote === 'Done on Sunday evening.');
          assert(done && done.status === 'completed' && done.submissionFileId, 'the API holds the homework as completed with the file');

          // The crisis toolkit is one tap away, with 988 first.
          await page.getByRole('region', { name: 'Crisis help' }).getByRole('link', { name: 'Crisis help' }).click();
          await page.getByRole('heading', { name: 'Crisis help', level: 1 }).waitFor();
          await page.getByRole('heading', { name: '988 Suicide & Crisis Lifeline' }).waitFor();
          await page.getByRole('heading', { name: 'Steps that help you' }).waitFor();
          await audit.check(page, 'portal-flow-crisis-390');

          await page.getByRole('button', { name: 'Sign out' }).click();
          await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
        } finally {
          await ctx.close();
        }
      },
    ],
    [
      'portal: a wrong password is a sentence; an expired access token is refreshed (rotated) without signing the client out; sign out ends the session',
      async (browser) => {
        const { ctx, page } = await newPage(browser, 390);
        try {
          await page.goto(`${s.portal}/login`);
          await page.getByLabel('Email').fill('client2@sonoran.cairn.test');
          await page.getByLabel('Password').fill('not-the-password-1');
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
          const alert = page.getByRole('alert');
          await alert.getByText('That email and password do not match an account. Check them and try again.').waitFor();
          assert(!/401|password:|email:/.test((await alert.textContent()) ?? ''), 'the refusal names no status or field key');
          await audit.check(page, 'portal-login-refused-390');

          await signIn(page, s.portal, 'client2@sonoran.cairn.test');
          const before = await page.evaluate(
            () => JSON.parse(sessionStorage.getItem('cairn.portal.tokens') ?? '{}') as { refreshToken?: string },
          );
          // An access token the API refuses (as an expired one would be): the next request refreshes and is retried.
          await page.evaluate(() => {
            const t = JSON.parse(sessionStorage.getItem('cairn.portal.tokens') ?? '{}') as Record<string, string>;
            sessionStorage.setItem('cairn.portal.tokens', JSON.stringify({ ...t, accessToken: 'expired.token.value' }));
          });
          await openScreen(page, 'Goals');
          await page.getByRole('heading', { name: 'Goals', level: 1 }).waitFor();
          await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, {
            timeout: 15_000,
          });
          await audit.check(page, 'portal-goals-after-refresh-390');
          assert((await page.getByRole('alert').count()) === 0, 'the goals loaded after the refresh (no error shown)');
          assert((await page.locator('main .card').count()) > 0, 'the demo client’s goals are listed');
          const after = await page.evaluate(
            () => JSON.parse(sessionStorage.getItem('cairn.portal.tokens') ?? '{}') as { refreshToken?: string },
          );
          assert(after.refreshToken && after.refreshToken !== before.refreshToken, 'the refresh token was rotated');

          await page.getByRole('button', { name: 'Sign out' }).click();
          await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
          // Sign out ended the session on the server: neither the current nor the spent refresh token works.
          for (const [which, refreshToken] of [
            ['current', after.refreshToken],
            ['spent', before.refreshToken],
          ] as const) {
            const r = await fetch(`${s.api}/api/v1/portal/auth/refresh`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ refreshToken }),
            });
            assert(r.status === 401, `after sign out the ${which} refresh token is refused (${r.status})`);
          }
        } finally {
          await ctx.close();
        }
      },
    ],
    [
      'portal: an invitation link sets the password and signs the client in; a weak password and a spent link are refused in sentences',
      async (browser) => {
        // The front desk registers a patient of the test's own and invites them: picking a demo patient without an
        // account from a page of the list left the test at the mercy of every other suite inviting demo patients.
        const staff = await login(s.api, '/api/v1/auth/login', 'frontdesk@sonoran.cairn.test');
        const me = await getJson<{ organizations: { sites: { id: string; permissions: string[] }[] }[] }>(s.api, '/api/v1/me', staff);
        const site = me.organizations[0]?.sites.find((x) => x.permissions.includes('patients.edit')) ?? me.organizations[0]?.sites[0];
        assert(site, 'the front desk works at a site');
        const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
        const registered = await fetch(`${s.api}/api/v1/patients`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ siteId: site.id, firstName: 'Ines', lastName: `Invited${letters}`, dateOfBirth: '1988-06-02' }),
        });
        assert(registered.status === 201, `the front desk registered a patient (${registered.status})`);
        const patientId = ((await registered.json()) as { id: string }).id;
        // Letters only: a 13-digit run (Date.now()) that happens to pass Luhn reads as a card number and is refused (400).
        const email = `invited.${letters}@example.test`;
        const invited = await fetch(`${s.api}/api/v1/patients/${patientId}/portal-account/invitations`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ email }),
        });
        assert(invited.status === 201, `the front desk invited the new patient (${invited.status})`);
        const link = ((await invited.json()) as { invitationLink: string }).invitationLink;
        assert(
          link?.startsWith('/accept-invitation#token='),
          'the invitation link opens the set-password page with its token in the fragment',
        );
        const { ctx, page } = await newPage(browser, 390);
        try {
          await page.goto(`${s.portal}${link}`);
          await page.getByRole('heading', { name: 'Set your password' }).waitFor();
          await lifelineVisible(page, 'the invitation page');
          await page.getByLabel('New password').fill('password1234');
          await page.getByLabel('Type it again').fill('password1234');
          await page.getByRole('button', { name: 'Set password and sign in' }).click();
          await page.getByText('Your password is a commonly used or breached password.').waitFor();
          await audit.check(page, 'portal-invitation-weak-password-390');
          const good = 'quiet river at dawn 42';
          await page.getByLabel('New password').fill(good);
          await page.getByLabel('Type it again').fill(good);
          await page.getByRole('button', { name: 'Set password and sign in' }).click();
          await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
          await page.getByRole('button', { name: 'Sign out' }).click();
          await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();

          // The link is single use.
          await page.goto(`${s.portal}${link}`);
          await page.getByLabel('New password').fill('another quiet river 7');
          await page.getByLabel('Type it again').fill('another quiet river 7');
          await page.getByRole('button', { name: 'Set password and sign in' }).click();
          await page.getByText('This invitation link is no longer valid: it has expired or was already used.', { exact: false }).waitFor();
          await audit.check(page, 'portal-invitation-spent-390');
        } finally {
          await ctx.close();
        }
      },
    ],
    [
      'portal: a summary the therapist shares through the API shows as a notification, opens and downloads as a PDF; an audio message plays and seeks (390 px)',
      async (browser) => {
        const client2 = 'client2@sonoran.cairn.test';
        const staff = await login(s.api, '/api/v1/auth/login', therapist);
        const frontDesk = await login(s.api, '/api/v1/auth/login', 'frontdesk@sonoran.cairn.test');
        const clientToken = await login(s.api, '/api/v1/portal/auth/login', client2);
        const me = await getJson<{ user: { id: string } }>(s.api, '/api/v1/me', staff);
        const mine = await getJson<{ items: { patientId: string }[] }>(s.api, '/api/v1/portal/mood-entries?pageSize=1', clientToken);
        const patientId = mine.items[0]?.patientId;
        assert(patientId, 'the demo client has a mood entry that names its patient');
        const patient = await getJson<{ siteId: string }>(s.api, `/api/v1/patients/${patientId}`, staff);

        // A session that happened (booked in the past where the therapist is free, then completed by the front desk).
        let appointmentId: string | undefined;
        for (let daysAgo = 2; !appointmentId && daysAgo < 40; daysAgo += 3) {
          const start = new Date(Date.now() - daysAgo * 86_400_000);
          start.setUTCHours(6, 7, 0, 0);
          const r = await fetch(`${s.api}/api/v1/pm/appointments`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${frontDesk}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              siteId: patient.siteId,
              providerId: me.user.id,
              patientId,
              serviceType: 'psychotherapy-45',
              startAt: start.toISOString(),
              endAt: new Date(start.getTime() + 45 * 60_000).toISOString(),
            }),
          });
          if (r.status === 201) appointmentId = ((await r.json()) as { id: string }).id;
        }
        assert(appointmentId, 'a past appointment could be booked for the demo client');
        await sendJson(s.api, 'POST', `/api/v1/pm/appointments/${appointmentId}/status`, frontDesk, { status: 'completed' });
        const summaryText = 'We practised slow breathing. Try four counts in and six out, twice a day.';
        const summary = await sendJson<{ summaryId: string; appointmentStartAt: string }>(
          s.api,
          'POST',
          `/api/v1/patients/${patientId}/session-summaries`,
          staff,
          { appointmentId, summary: summaryText },
        );

        const { ctx, page } = await newPage(browser, 390);
        try {
          await signIn(page, s.portal, client2);
          const bell = page.getByRole('link', { name: /^Notifications \d+ unread$/ });
          await bell.waitFor();
          await bell.click();
          await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
          // Found by its words, not its place: the appointment this test completed prompts a session review too (the
          // runner's worker does so after 2 s), and that notification may land after this one.
          const newest = page.locator('ul.notifications > li', { hasText: 'Your therapist shared a session summary.' }).first();
          await newest.getByText('Your therapist shared a session summary.').waitFor();
          assert(await newest.getByText('New', { exact: true }).isVisible(), 'the new notification is marked New in words');
          assert(!(await page.locator('main').textContent())?.includes('slow breathing'), 'the notification does not carry the summary');
          await lifelineVisible(page, 'the notifications page');
          await noSidewaysScroll(page, 'the notifications page');
          await audit.check(page, 'portal-flow-notifications-390');

          await newest.getByRole('link', { name: 'Read the summary' }).click();
          await page.getByText(summaryText).waitFor();
          assert(page.url().endsWith(`/session-summaries/${summary.summaryId}`), 'the notification opens its summary');
          await audit.check(page, 'portal-flow-session-summary-390');
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name: /^Download PDF of the summary/ }).click(),
          ]);
          assert(
            download.suggestedFilename() === `session-summary-${summary.appointmentStartAt.slice(0, 10)}.pdf`,
            `the PDF is named for the session's day (${download.suggestedFilename()})`,
          );
          const path = await download.path();
          const { readFile } = await import('node:fs/promises');
          const pdf = await readFile(path);
          assert(pdf.subarray(0, 5).toString('latin1') === '%PDF-', 'the download is a PDF');
          // Opening it marked it read: the API says so.
          const feed = await getJson<{ items: { recordId: string; readAt: string | null }[] }>(
            s.api,
            '/api/v1/portal/notifications?pageSize=5',
            clientToken,
          );
          assert(feed.items.find((n) => n.recordId === summary.summaryId)?.readAt, 'opening the notification marked it read');

          // An audio message of three seconds from the therapist: it plays, and seeking plays from where it was moved.
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(toneWav(3 * 8000, 40))], { type: 'audio/wav' }), 'tone.wav');
          const uploaded = await fetch(`${s.api}/api/v1/patients/${patientId}/portal-files`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${staff}` },
            body: form,
          });
          assert(uploaded.status === 201, `the therapist uploads the audio (${uploaded.status})`);
          const title = `Slow breathing, ${Date.now() % 100000}`;
          await sendJson(s.api, 'POST', `/api/v1/patients/${patientId}/audio-messages`, staff, {
            title,
            fileId: ((await uploaded.json()) as { fileId: string }).fileId,
          });
          await page.goto(`${s.portal}/notifications`);
          // By its words too: the review prompt of the appointment completed above may land after it, on top.
          const audioNote = page.locator('ul.notifications > li', { hasText: 'Your therapist sent you an audio message.' }).first();
          await audioNote.getByText('Your therapist sent you an audio message.').waitFor();
          await audioNote.getByRole('link', { name: 'Listen' }).click();
          await page.getByRole('heading', { name: 'Audio messages', level: 1 }).waitFor();
          await page.getByRole('button', { name: `Play ${title}` }).click();
          const player = page.getByLabel(`Audio message: ${title}`);
          await player.waitFor();
          const played = await player.evaluate(async (el) => {
            const a = el as HTMLAudioElement;
            a.muted = true; // muted playback is never held back by an autoplay policy
            if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
            const duration = a.duration;
            a.pause();
            const seeked = new Promise((r) => a.addEventListener('seeked', r, { once: true }));
            a.currentTime = 2;
            await seeked;
            const from = a.currentTime;
            await a.play();
            await new Promise((r) => setTimeout(r, 400));
            return { duration, from, now: a.currentTime, paused: a.paused, src: a.currentSrc };
          });
          assert(Math.abs(played.duration - 3) < 0.1, `the message lasts three seconds (${played.duration})`);
          assert(played.src.startsWith('blob:'), 'the player plays the bytes fetched with the token');
          assert(Math.abs(played.from - 2) < 0.05, `seeking moved to 2 s (${played.from})`);
          assert(played.now > 2.1 && played.now < 3.05, `it plays on from 2 s (${played.now})`);
          await page.getByRole('button', { name: 'Back 10 seconds' }).click();
          assert((await player.evaluate((el) => (el as HTMLAudioElement).currentTime)) < 0.6, 'Back 10 seconds goes back to the start');
          await lifelineVisible(page, 'the audio messages page');
          await noSidewaysScroll(page, 'the audio messages page');
          await audit.check(page, 'portal-flow-audio-390');
        } finally {
          await ctx.close();
        }
      },
    ],
    ...WIDTHS.map((width): PortalTest => [
      `portal: every screen at ${width} px fits the width, shows 988 and has no serious or critical axe violations`,
      async (browser) => {
        const { ctx, page } = await newPage(browser, width);
        try {
          await page.goto(`${s.portal}/login`);
          await page.getByRole('heading', { name: 'Sign in to Cairn' }).waitFor();
          await lifelineVisible(page, 'the sign-in page');
          await noSidewaysScroll(page, 'the sign-in page');
          await audit.check(page, `portal-login-${width}`);
          await page.goto(`${s.portal}/accept-invitation`);
          await page.getByRole('heading', { name: 'Set your password' }).waitFor();
          await audit.check(page, `portal-accept-invitation-no-link-${width}`);

          await ensureUpcomingAppointment(s.api, 'client3@sonoran.cairn.test', 'clinician.tucson@sonoran.cairn.test');
          await signIn(page, s.portal, 'client3@sonoran.cairn.test');
          // [the entry to open, the screen's h1, its name in the screenshots]; More's entries open through the More
          // tab on a phone and from the side navigation on wider screens.
          const screens: [string, string, string][] = [
            ['Home', 'Hello', 'dashboard'],
            ['Mood', 'Mood', 'mood'],
            ['Journal', 'Journal', 'journal'],
            ['Homework', 'Homework', 'homework'],
            ['Goals', 'Goals', 'goals'],
            ['Resources', 'Resources', 'resources'],
            ['Sessions', 'Upcoming sessions', 'appointments'],
            ['Session reviews', 'Session reviews', 'session-reviews'],
            ['Change therapist', 'Change therapist', 'change-therapist'],
            ['Insurance and payment', 'Insurance and payment', 'insurance-payment'],
            ['More', 'More', 'more'],
            ['Crisis help', 'Crisis help', 'crisis'],
          ];
          const settled = async (name: string) => {
            // Let the page's data arrive (no "Loading" left) before the screenshot and axe.
            await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, {
              timeout: 15_000,
            });
            await lifelineVisible(page, `the ${name} page`);
            await noSidewaysScroll(page, `the ${name} page`);
            await audit.check(page, `portal-${name}-${width}`);
          };
          for (const [entry, heading, name] of screens) {
            if (entry === 'Crisis help')
              await page.getByRole('region', { name: 'Crisis help' }).getByRole('link', { name: 'Crisis help' }).click();
            else if (entry === 'More') {
              // Only phones have the More tab; wider screens list its entries in the side navigation.
              const more = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More', exact: true });
              if (await more.isVisible()) await more.click();
              else await page.goto(`${s.portal}/more`);
            } else await openScreen(page, entry);
            await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
            if (name === 'mood') await page.locator('.recharts-surface').first().waitFor();
            await settled(name);
            if (name === 'appointments') {
              await page
                .getByRole('button', { name: /^Prepare for this session|^Change your prep/ })
                .first()
                .click();
              await page.getByRole('form', { name: /^Prepare for your session on/ }).waitFor();
              await page.getByRole('checkbox', { name: 'I have an urgent concern' }).check();
              await settled('appointments-prep-form');
            }
            if (name === 'session-reviews') {
              const review = page.getByRole('link', { name: /^Review your session of/ }).first();
              assert(await review.isVisible(), 'the demo client has a session waiting for a review');
              await review.click();
              await page.getByRole('heading', { name: 'Review your session', level: 1 }).waitFor();
              await settled('session-review-form');
            }
          }
          // Issue 20: notifications from the header (every width); the client's records from the clinic by address (the
          // navigation lists them on wider screens, the More list on phones), and one summary opened from its list.
          const account: [string, string, string, () => Promise<void>][] = [
            [
              '/notifications',
              'Notifications',
              'notifications',
              () =>
                page
                  .getByRole('link', { name: /^Notifications/ })
                  .first()
                  .click(),
            ],
            [
              '/session-summaries',
              'Session summaries',
              'session-summaries',
              () => page.goto(`${s.portal}/session-summaries`).then(() => undefined),
            ],
            [
              '',
              '',
              'session-summary',
              () =>
                page
                  .getByRole('link', { name: /^Read the summary of / })
                  .first()
                  .click(),
            ],
            ['/audio-messages', 'Audio messages', 'audio-messages', () => page.goto(`${s.portal}/audio-messages`).then(() => undefined)],
          ];
          for (const [, heading, name, go] of account) {
            await go();
            if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
            else await page.getByRole('link', { name: '← All session summaries' }).waitFor();
            await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''), undefined, {
              timeout: 15_000,
            });
            await lifelineVisible(page, `the ${name} page`);
            await noSidewaysScroll(page, `the ${name} page`);
            await audit.check(page, `portal-${name}-${width}`);
          }
        } finally {
          await ctx.close();
        }
      },
    ]),
  ];
}
