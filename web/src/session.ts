import { useEffect, useState } from 'preact/hooks';

export interface SignedInUser {
  id: string;
  email: string;
  username: string;
  role: string;
}

interface Session {
  accessToken: string;
  user: SignedInUser;
}

// The access token lives in this module's memory only: never in storage a script could read later.
let current: Session | null = null;
const listeners = new Set<() => void>();

export function accessToken(): string | null {
  return current?.accessToken ?? null;
}

export function signIn(accessToken: string, user: SignedInUser) {
  current = { accessToken, user };
  listeners.forEach((listener) => listener());
}

export function signOut() {
  current = null;
  listeners.forEach((listener) => listener());
}

/** The signed-in user, re-rendering when it changes. */
export function useUser(): SignedInUser | null {
  const [user, setUser] = useState(current?.user ?? null);
  useEffect(() => {
    const listener = () => setUser(current?.user ?? null);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return user;
}
