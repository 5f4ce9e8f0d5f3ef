import { Route, Routes } from 'react-router';

import { AppointmentsPage } from './features/appointments/appointments-page';
import { AudioMessagesPage } from './features/audio-messages/audio-messages-page';
import { ChangeTherapistPage } from './features/change-therapist/change-therapist-page';
import { CrisisPage } from './features/crisis/crisis-page';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { GoalsPage } from './features/goals/goals-page';
import { HomeworkPage } from './features/homework/homework-page';
import { JournalPage } from './features/journal/journal-page';
import { MoodPage } from './features/mood/mood-page';
import { MorePage } from './features/more/more-page';
import { NotificationsPage } from './features/notifications/notifications-page';
import { InsurancePaymentPage } from './features/payments/insurance-payment-page';
import { DevelopmentTokenizer } from './features/payments/payment-tokenizer';
import { ResourcesPage } from './features/resources/resources-page';
import { SessionReviewPage, SessionReviewsPage } from './features/session-reviews/session-reviews-page';
import { SessionSummariesPage, SessionSummaryPage } from './features/session-summaries/session-summaries-page';
import { AcceptInvitationPage } from './features/sign-in/accept-invitation-page';
import { LoginPage } from './features/sign-in/login-page';
import { Shell } from './shared/shell';

/**
 * Card numbers go to the tokenizer, never to the API. The development tokenizer runs in the browser; a production
 * deployment puts its processor's hosted fields behind the same PaymentTokenizer interface here.
 */
const tokenizer = new DevelopmentTokenizer();

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
      {signedIn('/appointments', <AppointmentsPage />)}
      {signedIn('/session-reviews', <SessionReviewsPage />)}
      {signedIn('/session-reviews/:reviewId', <SessionReviewPage />)}
      {signedIn('/more', <MorePage />)}
      {signedIn('/change-therapist', <ChangeTherapistPage />)}
      {signedIn('/insurance-payment', <InsurancePaymentPage tokenizer={tokenizer} />)}
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
