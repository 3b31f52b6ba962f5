import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, authApi } from '../api/client';
import { ApiProblem } from '../api/problem';
import { t } from '../i18n';
import { ProblemNotice } from '../ProblemNotice';
import { logIn, logOut } from '../auth';
import { useUser } from '../session';
import { Sessions } from './Sessions';

/** Sign in, create an account, or sign out (which ends the session on the server, not just here). */
export function AccountPage() {
  const user = useUser();
  const location = useLocation();
  const [mode, setMode] = useState<'signIn' | 'register'>('signIn');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const retry = useRef<number>();
  const registered = useRef(false);
  useEffect(() => () => window.clearTimeout(retry.current), []);
  const fields = problem instanceof ApiProblem ? problem.fields : {};

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    send({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      username: String(form.get('username') ?? ''),
      rememberMe: form.get('remember_me') === 'on',
    });
  };

  const send = async (values: { email: string; password: string; username: string; rememberMe: boolean }) => {
    window.clearTimeout(retry.current);
    setBusy(true);
    try {
      if (mode === 'register' && !registered.current) {
        await answer(
          authApi.POST('/api/v1/auth/register', {
            body: { email: values.email, password: values.password, username: values.username },
          }),
        );
        registered.current = true; // a retried login must not register again
      }
      await logIn(values.email, values.password, values.rememberMe);
      setProblem(null);
      location.route('/');
    } catch (failure) {
      setProblem(failure);
      // Too many attempts from here: the form tries again by itself once the server said it may.
      if (failure instanceof ApiProblem && failure.isRateLimited) {
        retry.current = window.setTimeout(() => send(values), (failure.retryAfter ?? 5) * 1000);
      }
    } finally {
      setBusy(false);
    }
  };

  if (user) {
    return (
      <section class="account">
        <h1>{t('nav.account')}</h1>
        <p>{t('account.signedInAs', { name: user.username })}</p>
        <button type="button" onClick={() => void logOut()}>{t('account.signOut')}</button>
        <Sessions />
      </section>
    );
  }

  const field = (name: string, label: string, type: string, autoComplete: string) => (
    <label class="field">
      <span>{label}</span>
      <input name={name} type={type} required autoComplete={autoComplete}
        aria-invalid={fields[name] ? 'true' : undefined}
        aria-describedby={fields[name] ? `${name}-problem` : undefined} />
      {fields[name] && <span id={`${name}-problem`} class="field-problem">{fields[name]}</span>}
    </label>
  );

  return (
    <section class="account">
      <h1>{mode === 'signIn' ? t('account.signInTitle') : t('account.registerTitle')}</h1>
      {problem instanceof ApiProblem && Object.keys(fields).length === 0 && <ProblemNotice problem={problem} />}
      {problem && !(problem instanceof ApiProblem) && <ProblemNotice problem={problem} />}
      <form onSubmit={submit} class="account-form" noValidate={false}>
        {field('email', t('account.email'), 'email', 'email')}
        {mode === 'register' && field('username', t('account.username'), 'text', 'nickname')}
        {field('password', t('account.password'), 'password', mode === 'signIn' ? 'current-password' : 'new-password')}
        {mode === 'signIn' && (
          <label class="checkbox">
            <input name="remember_me" type="checkbox" />
            <span>{t('account.rememberMe')}</span>
          </label>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {mode === 'signIn' ? t('account.signIn') : t('account.register')}
        </button>
      </form>
      <button type="button" class="link" onClick={() => {
          setProblem(null);
          registered.current = false;
          setMode(mode === 'signIn' ? 'register' : 'signIn');
        }}>
        {mode === 'signIn' ? t('account.toRegister') : t('account.toSignIn')}
      </button>
    </section>
  );
}
