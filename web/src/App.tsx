import { LocationProvider, Route, Router } from 'preact-iso';
import { useState } from 'preact/hooks';
import { AccountPage } from './account/AccountPage';
import type { AppConfig } from './appConfig';
import { changeLanguage, type Language, LANGUAGES, t } from './i18n';
import { FavoritesPage } from './favorites/FavoritesPage';
import { DetailPage } from './restaurant/DetailPage';
import { SearchPage } from './search/SearchPage';
import { useUser } from './session';
import { COMMIT, VERSION } from './version';

export function App({ config }: { config: AppConfig }) {
  const user = useUser();
  const [, rerender] = useState(0);
  const language = (document.documentElement.lang || 'en') as Language;
  return (
    <LocationProvider>
      <a class="skip" href="#main">{t('skipToContent')}</a>
      <header class="top">
        <a href="/" class="brand">{t('appName')}</a>
        <nav aria-label="Tabelogo">
          <a href="/">{t('nav.search')}</a>
          <a href="/favorites">{t('nav.favorites')}</a>
          <a href="/account">{user ? user.username : t('nav.signIn')}</a>
        </nav>
        <label class="language">
          <span class="visually-hidden">{t('nav.language')}</span>
          <select
            value={language}
            onChange={async (event) => {
              await changeLanguage((event.currentTarget as HTMLSelectElement).value as Language);
              rerender((n) => n + 1);
            }}
          >
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option value={code} lang={code}>{name}</option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/" component={() => <SearchPage config={config} />} />
          <Route path="/restaurants/:id" component={({ id }: { id: string }) => <DetailPage id={id} />} />
          <Route path="/favorites" component={FavoritesPage} />
          <Route path="/account" component={AccountPage} />
          <Route default component={() => <p>404</p>} />
        </Router>
      </main>
      <footer class="build">
        {t('appName')} {VERSION} ({COMMIT})
      </footer>
    </LocationProvider>
  );
}
