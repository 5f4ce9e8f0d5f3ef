import { Route, Routes } from 'react-router';

import { GroupReviewPage } from './features/cl/group-encounters/group-review-page';
import { GroupSessionPage } from './features/cl/group-sessions/group-session-page';
import { ChartOverview, ChartTab, PatientChartPage } from './features/cl/patients/patient-chart-page';
import { PatientsPage } from './features/cl/patients/patients-page';
import { PeerEncounterPage } from './features/cl/peer/peer-encounter-page';
import { PeerEncountersPage } from './features/cl/peer/peer-encounters-page';
import { SupervisionPage } from './features/cl/peer/supervision-page';
import { SupervisionReportPage } from './features/cl/peer/supervision-report-page';
import { DashboardPage } from './features/dashboards/home/dashboard-page';
import { DrillPage } from './features/dashboards/home/drill-page';
import { ProviderProductivityPage } from './features/hr/provider-productivity/provider-productivity-page';
import { HomePage } from './features/platform/shell/home-page';
import { RequireSignIn } from './features/platform/shell/shell';
import { LoginPage } from './features/platform/sign-in/login-page';
import { ChargesPage } from './features/pm/charges/charges-page';
import { PortalActivityTab } from './features/portal/activity/portal-activity-tab';
import { PatientBillingPage } from './features/portal/billing/patient-billing-page';
import { ChangeRequestsPage } from './features/portal/change-requests/change-requests-page';
import { INBOX_PERMISSION, PortalInboxNavLink } from './features/portal/inbox/inbox-live';
import { InboxPage } from './features/portal/inbox/inbox-page';
import { AdoptionPage } from './features/portal/oversight/adoption-page';
import { CrisisAlertsPage } from './features/portal/oversight/crisis-alerts-page';
import { AdminSessionReviewsPage } from './features/portal/session-reviews/admin-session-reviews-page';
import { MySessionReviewsPage } from './features/portal/session-reviews/my-session-reviews-page';
import { PortalToolsPage } from './features/portal/tools/portal-tools-page';
import { useAuth } from './shared/auth';
import { PageHeader } from './shared/layout';
import { NavExtrasProvider, type NavExtra } from './shared/nav-extras';

/** Entries of other contexts in the shell's navigation (the shell, a platform feature, may not import them). */
const NAV_EXTRAS: readonly NavExtra[] = [{ key: 'portal-inbox', permission: INBOX_PERMISSION, render: () => <PortalInboxNavLink /> }];

/** Home: the caller's role dashboard; a role without dashboards keeps the list of the pages it may open. */
function Home() {
  const { permissions } = useAuth();
  return permissions.has('dashboards.view') ? <DashboardPage noView={<HomePage />} /> : <HomePage />;
}

/**
 * The chart's tabs: the chart itself (cl) and the client's portal activity (portal), composed here because a cl
 * feature may not import a portal one. The portal tab shows to those who may read portal activity; the API
 * still decides whose (the primary therapist's clients; every client for a portal admin).
 */
const CHART_TABS: readonly ChartTab[] = [
  { path: '', label: 'Chart' },
  { path: 'portal', label: 'Portal activity', permission: 'portal.activity.view' },
];

/** The composition root: every page's route. The only module that imports features of more than one context. */
export function App() {
  return (
    <NavExtrasProvider extras={NAV_EXTRAS}>
      <AppRoutes />
    </NavExtrasProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/"
        element={
          <RequireSignIn>
            <Home />
          </RequireSignIn>
        }
      />
      <Route
        path="/dashboards/group"
        element={
          <RequireSignIn>
            <DashboardPage which="group" />
          </RequireSignIn>
        }
      />
      <Route
        path="/dashboards/drill/:drillKey"
        element={
          <RequireSignIn>
            <DrillPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/patients"
        element={
          <RequireSignIn>
            <PatientsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/patients/:id"
        element={
          <RequireSignIn>
            <PatientChartPage tabs={CHART_TABS} />
          </RequireSignIn>
        }
      >
        <Route index element={<ChartOverview />} />
        <Route path="portal" element={<PortalActivityTab />} />
      </Route>
      <Route
        path="/group-sessions/:id"
        element={
          <RequireSignIn>
            <GroupSessionPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/review/group-encounters"
        element={
          <RequireSignIn>
            <GroupReviewPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/peer/encounters"
        element={
          <RequireSignIn>
            <PeerEncountersPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/peer/encounters/:id"
        element={
          <RequireSignIn>
            <PeerEncounterPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/peer/supervision"
        element={
          <RequireSignIn>
            <SupervisionPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/peer/supervision-report"
        element={
          <RequireSignIn>
            <SupervisionReportPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/billing/charges"
        element={
          <RequireSignIn>
            <ChargesPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/hr/productivity"
        element={
          <RequireSignIn>
            <ProviderProductivityPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/hr/productivity/supervised"
        element={
          <RequireSignIn>
            <ProviderProductivityPage scope="supervised" />
          </RequireSignIn>
        }
      />
      <Route
        path="/portal/session-reviews"
        element={
          <RequireSignIn>
            <AdminSessionReviewsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/therapist/session-reviews"
        element={
          <RequireSignIn>
            <MySessionReviewsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/portal/inbox"
        element={
          <RequireSignIn>
            <InboxPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/patients/:id/portal/tools"
        element={
          <RequireSignIn>
            <PortalToolsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/patients/:id/insurance"
        element={
          <RequireSignIn>
            <PatientBillingPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/portal/change-requests"
        element={
          <RequireSignIn>
            <ChangeRequestsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/portal/adoption"
        element={
          <RequireSignIn>
            <AdoptionPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/portal/crisis-alerts"
        element={
          <RequireSignIn>
            <CrisisAlertsPage />
          </RequireSignIn>
        }
      />
      <Route
        path="*"
        element={
          <RequireSignIn>
            <PageHeader title="Page not found" description="There is no page at this address." />
          </RequireSignIn>
        }
      />
    </Routes>
  );
}
