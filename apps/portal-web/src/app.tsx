import { Route, Routes } from 'react-router';

import { AudioMessagesPage } from './features/audio-messages/audio-messages-page';
import { CrisisPage } from './features/crisis/crisis-page';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { GoalsPage } from './features/goals/goals-page';
import { HomeworkPage } from './features/homework/homework-page';
import { JournalPage } from './features/journal/journal-page';
import { MoodPage } from './features/mood/mood-page';
import { NotificationsPage } from './features/notifications/notifications-page';
import { ResourcesPage } from './features/resources/resources-page';
import { SessionSummariesPage, SessionSummaryPage } from './features/session-summaries/session-summaries-page';
import { AcceptInvitationPage } from './features/sign-in/accept-invitation-page';
import { LoginPage } from './features/sign-in/login-page';
import { Shell } from './shared/shell';

/** The composition root: every screen's route. Signed-in screens sit in the Shell (crisis bar, navigation). */
export function App() {
  const signedIn = (path: string, page: React.ReactNode) => <Route path={path} element={<Shell>{page}</Shell>} />;
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      {signedIn('/', <DashboardPage />)}
      {signedIn('/mood', <MoodPage />)}
      {signedIn('/journal', <JournalPage />)}
      {signedIn('/homework', <HomeworkPage />)}
      {signedIn('/goals', <GoalsPage />)}
      {signedIn('/resources', <ResourcesPage />)}
      {signedIn('/crisis', <CrisisPage />)}
      {signedIn('/session-summaries', <SessionSummariesPage />)}
      {signedIn('/session-summaries/:summaryId', <SessionSummaryPage />)}
      {signedIn('/audio-messages', <AudioMessagesPage />)}
      {signedIn('/notifications', <NotificationsPage />)}
      {signedIn(
        '*',
        <>
          <h1>Page not found</h1>
          <p>There is no page at this address.</p>
        </>,
      )}
    </Routes>
  );
}
