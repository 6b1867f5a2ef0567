import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { createBrowserRouter, createHashRouter, RouterProvider, type RouteObject } from 'react-router';
import { api } from '../api/client';
import { ApiError } from '../api/transport';
import { useSession } from '../state/session';
import { ConfirmHost, Loading, Toaster } from '../ui';
import { LoginPage } from '../pages/LoginPage';
import { PAGES } from './pages';
import { Shell } from './Shell';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Freshness comes from pushed topics; the 30 s staleness is only a safety net, so a page
      // opened again later refetches even if some push never reached this console.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <Shell />,
    children: [...PAGES.map((p) => ({ path: p.path, element: p.element })), { path: '*', element: <NotFound /> }],
  },
];

// The desktop window may load the console from a file: hash URLs need no server fallback there.
const router = api.kind === 'ipc' ? createHashRouter(routes) : createBrowserRouter(routes);

function NotFound() {
  return <p className="muted">This page does not exist.</p>;
}

/** Resolves the session once at start (a stored token, or the desktop owner over IPC). */
function SessionGate({ children }: { children: ReactNode }) {
  const { token, resolved, signIn, signOut, markResolved } = useSession();
  useEffect(() => {
    if (resolved) return;
    if (api.kind === 'http' && !token) {
      markResolved();
      return;
    }
    api
      .call('me.get', {})
      .then((user) => signIn(token, user))
      .catch(() => (api.kind === 'http' ? signOut() : markResolved()));
  }, [resolved, token, signIn, signOut, markResolved]);
  if (!resolved) {
    return (
      <div className="auth-wrap">
        <Loading />
      </div>
    );
  }
  return <>{children}</>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionGate>
        <RouterProvider router={router} />
      </SessionGate>
      <Toaster />
      <ConfirmHost />
    </QueryClientProvider>
  );
}
