import { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth';
import { ErrorMessage } from './error-message';
import { NAV } from './nav';
import { GroupSessionPage } from './pages/group-session-page';
import { ChargesPage } from './pages/charges-page';
import { GroupReviewPage } from './pages/group-review-page';
import { HomePage } from './pages/home-page';
import { HrProductivityPage } from './pages/hr-productivity-page';
import { LoginPage } from './pages/login-page';
import { PatientChartPage } from './pages/patient-chart-page';
import { PatientsPage } from './pages/patients-page';
import { ScopeSwitcher } from './scope-switcher';


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
      <Route path="/hr/productivity" element={<RequireSignIn><HrProductivityPage /></RequireSignIn>} />
      <Route path="*" element={<RequireSignIn><h1>Page not found</h1><p>There is no page at this address.</p></RequireSignIn>} />
    </Routes>
  );
}
