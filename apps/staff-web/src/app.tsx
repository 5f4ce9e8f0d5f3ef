import { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { GroupReviewPage } from './features/cl/group-encounters/group-review-page';
import { GroupSessionPage } from './features/cl/group-sessions/group-session-page';
import { PatientChartPage } from './features/cl/patients/patient-chart-page';
import { PatientsPage } from './features/cl/patients/patients-page';
import { ProviderProductivityPage } from './features/hr/provider-productivity/provider-productivity-page';
import { HomePage } from './features/platform/shell/home-page';
import { NAV } from './features/platform/shell/nav';
import { ScopeSwitcher } from './features/platform/shell/scope-switcher';
import { LoginPage } from './features/platform/sign-in/login-page';
import { ChargesPage } from './features/pm/charges/charges-page';
import { useAuth } from './shared/auth';
import { ErrorMessage } from './shared/error-message';


function Shell({ children }: { children: ReactNode }) {
  const { me, meError, permissions, signOut } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Cairn staff</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            {NAV.filter((n) => permissions.has(n.permission)).map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <ScopeSwitcher />
        <div className="user">
          {me && <span>{me.user.displayName}</span>}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {meError ? <ErrorMessage error={meError} /> : children}
      </main>
    </>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell>{children}</Shell>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={<RequireSignIn><HomePage /></RequireSignIn>} />
      <Route path="/patients" element={<RequireSignIn><PatientsPage /></RequireSignIn>} />
      <Route path="/patients/:id" element={<RequireSignIn><PatientChartPage /></RequireSignIn>} />
      <Route path="/group-sessions/:id" element={<RequireSignIn><GroupSessionPage /></RequireSignIn>} />
      <Route path="/review/group-encounters" element={<RequireSignIn><GroupReviewPage /></RequireSignIn>} />
      <Route path="/billing/charges" element={<RequireSignIn><ChargesPage /></RequireSignIn>} />
      <Route path="/hr/productivity" element={<RequireSignIn><ProviderProductivityPage /></RequireSignIn>} />
      <Route path="*" element={<RequireSignIn><h1>Page not found</h1><p>There is no page at this address.</p></RequireSignIn>} />
    </Routes>
  );
}
