import { answer, authApi } from './api/client';
import { type SignedInUser, signIn, signOut } from './session';

// The refresh token lives in an HttpOnly cookie that no script can read (auth-service's cookie mode); this flag
// only says whether asking for a refresh is worth a request when the app starts.
const SIGNED_IN = 'tabelogo.signed-in';
const CSRF = { 'X-Tabelogo-CSRF': '1' };

let refreshing: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function userOf(user: { id?: string; email?: string; username?: string; role?: string } | undefined): SignedInUser {
  return { id: user?.id ?? '', email: user?.email ?? '', username: user?.username ?? '', role: user?.role ?? 'user' };
}

/** Renews the access token a little before it expires. */
function renewIn(expiresInSeconds: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void refreshSession(), Math.max(5, expiresInSeconds * 0.8) * 1000);
}

export async function logIn(email: string, password: string, rememberMe: boolean) {
  const { data } = await answer(
    authApi.POST('/api/v1/auth/login', { body: { email, password, remember_me: rememberMe, refresh_cookie: true } }),
  );
  signIn(data.access_token!, userOf(data.user));
  localStorage.setItem(SIGNED_IN, '1');
  renewIn(data.expires_in ?? 900);
}

/**
 * A new access token from the refresh cookie. Concurrent callers share one request: refresh tokens rotate and a
 * spent one ends the session, so two refreshes at once would sign the user out.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const { data } = await answer(authApi.POST('/api/v1/auth/refresh', { body: {}, headers: CSRF }));
      const token = data.access_token!;
      const me = await answer(
        authApi.GET('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } }),
      );
      signIn(token, userOf(me.data.user));
      renewIn(data.expires_in ?? 900);
      return true;
    } catch {
      localStorage.removeItem(SIGNED_IN);
      clearTimeout(timer);
      signOut();
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** On start: back into the session a reload or a new tab left, if there was one. */
export async function resumeSession() {
  if (localStorage.getItem(SIGNED_IN) === '1') await refreshSession();
}

/** Ends the session on the server (which also removes the cookie), then here. */
export async function logOut() {
  try {
    await answer(authApi.POST('/api/v1/auth/logout', { headers: CSRF }));
  } catch {
    // Signed out here whatever the server said.
  }
  localStorage.removeItem(SIGNED_IN);
  clearTimeout(timer);
  signOut();
}
