import { useEffect, useState } from 'preact/hooks';
import { answer, authApi } from '../api/client';
import type { components } from '../api/generated/auth';
import { age, t } from '../i18n';
import { ProblemNotice } from '../ProblemNotice';
import type { deviceName as DeviceName } from './deviceName';

type Session = components['schemas']['SessionItem'];

/** The user's open sessions; any other device can be signed out from here. */
export function Sessions() {
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [named, setNamed] = useState<{ deviceName: typeof DeviceName } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  // The User-Agent parser loads with the list only: the search page need not carry it.
  const load = () =>
    Promise.all([answer(authApi.GET('/api/v1/auth/sessions')), import('./deviceName')])
      .then(([{ data }, parser]) => {
        setNamed(parser);
        setSessions(data.sessions ?? []);
        setProblem(null);
      })
      .catch(setProblem);

  useEffect(() => {
    load();
  }, []);

  const end = async (id: string) => {
    try {
      await answer(authApi.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));
      await load();
    } catch (failure) {
      setProblem(failure);
    }
  };

  return (
    <section aria-labelledby="sessions">
      <h2 id="sessions">{t('account.sessions')}</h2>
      <ProblemNotice problem={problem} />
      <ul class="sessions">
        {(sessions ?? []).map((session) => (
          <li key={session.id} data-testid="session">
            <span class="device" title={session.device_info ?? undefined}>
              {named?.deviceName(session.device_info, (browser, os) => t('account.device', { browser, os })) ?? '—'}
            </span>{' '}
            <span class="hint">
              {session.ip_address} · {session.last_active_at && t('account.lastActive', { age: age(session.last_active_at) })}
            </span>{' '}
            {session.current ? (
              <strong>({t('account.thisDevice')})</strong>
            ) : (
              <button type="button" onClick={() => end(session.id!)}>{t('account.signOutDevice')}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
