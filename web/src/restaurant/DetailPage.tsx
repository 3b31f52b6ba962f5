import { useEffect, useState } from 'preact/hooks';
import { answer, restaurantApi, spiderApi } from '../api/client';
import type { components } from '../api/generated/restaurant';
import { ApiProblem } from '../api/problem';
import { age, t } from '../i18n';
import { type Favorite, FavoriteEditor } from '../favorites/FavoriteEditor';
import { ProblemNotice } from '../ProblemNotice';
import { accessToken, useUser } from '../session';
import { followEvents } from '../spider/eventStream';
import { weekOf } from './openingHours';

type Restaurant = components['schemas']['Restaurant'];
type Tabelog = components['schemas']['TabelogData'];
type FetchState = { status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'NO_MATCH'; error?: string } | null;

const DAY_NAMES = (language: string) =>
  [0, 1, 2, 3, 4, 5, 6].map((day) =>
    new Date(2026, 10, 1 + day).toLocaleDateString(language, { weekday: 'long' }),
  ); // 1 Nov 2026 was a Sunday

/** `/restaurants/{id}`: everything we know of it, refreshed from the map provider when it is a Google place. */
export function DetailPage({ id }: { id: string }) {
  const user = useUser();
  const [restaurant, setRestaurant] = useState<Restaurant | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [tabelog, setTabelog] = useState<Tabelog | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [fetching, setFetching] = useState<FetchState>(null);
  const [favorite, setFavorite] = useState<Favorite | null | undefined>(undefined);

  useEffect(() => {
    if (!user) return;
    answer(restaurantApi.GET('/api/v1/me/favorites', { params: { query: { size: '100' } } }))
      .then(({ data }) => setFavorite((data.favorites ?? []).find((f) => f.restaurant_id === id) ?? null))
      .catch(() => setFavorite(null));
  }, [id, user?.id]);

  useEffect(() => {
    let cancelled = false;
    const refresh = async (placeId: string) => {
      try {
        const { data, response } = await answer(
          restaurantApi.GET('/api/v1/restaurants/quick-search/{placeId}', { params: { path: { placeId } } }),
        );
        if (cancelled || !data.restaurant) return;
        setRestaurant(data.restaurant);
        const stale = response.headers.get('X-Data-Stale') === 'true';
        const seconds = Number(response.headers.get('X-Data-Age')?.replace(/s$/, ''));
        setSavedAt(stale && Number.isFinite(seconds) ? new Date(Date.now() - seconds * 1000).toISOString() : null);
      } catch {
        // The stored copy stands; the provider's trouble is not the reader's.
      }
    };
    (async () => {
      try {
        const { data } = await answer(restaurantApi.GET('/api/v1/restaurants/{id}', { params: { path: { id } } }));
        if (cancelled) return;
        setRestaurant(data.restaurant ?? null);
        setProblem(null);
        loadTabelog();
        if (data.restaurant?.source === 'google' && data.restaurant.external_id) {
          refresh(data.restaurant.external_id);
        }
      } catch (failure) {
        if (!cancelled) setProblem(failure);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);

  const loadTabelog = async (): Promise<Tabelog | null> => {
    try {
      const { data } = await answer(
        restaurantApi.GET('/api/v1/restaurants/{id}/tabelog', { params: { path: { id } } }),
      );
      setTabelog(data.tabelog ?? null);
      return data.tabelog ?? null;
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 404) setTabelog(null);
      return null;
    }
  };

  /** Starts a scrape, follows it live (streaming fetch: EventSource cannot send the token), then waits for the rating. */
  const fetchTabelog = async () => {
    if (!restaurant?.external_id) return;
    const before = tabelog?.updated_at ?? null;
    setFetching({ status: 'PENDING' });
    try {
      const { data, response } = await answer(
        spiderApi.POST('/api/v1/spider/scrape', {
          body: {
            google_id: restaurant.external_id,
            place_name: restaurant.name!,
            place_name_ja: restaurant.name_ja || undefined,
            area: restaurant.area || 'Tokyo',
            max_results: 5,
          },
        }),
      );
      const job = (data as { job_id?: string }).job_id;
      if (response.status === 202 && job) {
        const status = await follow(job);
        if (status.status === 'FAILED') {
          setFetching(status);
          return;
        }
      }
      setFetching({ status: 'COMPLETED' });
      // restaurant-service stores the rating when it has consumed the job's event: a moment later.
      for (let attempt = 0; attempt < 20; attempt++) {
        const found = await loadTabelog();
        if (found && found.updated_at !== before) {
          setFetching(null);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      setFetching({ status: 'NO_MATCH' });
    } catch (failure) {
      setFetching(null);
      setProblem(failure);
    }
  };

  const follow = async (job: string): Promise<NonNullable<FetchState>> => {
    let last: NonNullable<FetchState> = { status: 'PENDING' };
    const response = await fetch(`/api/v1/spider/jobs/${job}/stream`, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${accessToken()}` },
    });
    if (!response.ok) return last;
    await followEvents(response, (event) => {
      if (event.event === 'update') {
        const view = JSON.parse(event.data) as { status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED'; error?: string };
        last = { status: view.status, error: view.error };
        setFetching(last);
      }
      return event.event !== 'done' && event.event !== 'error';
    });
    return last;
  };

  if (!restaurant) {
    return (
      <div class="detail">
        {problem instanceof ApiProblem && problem.status === 404 ? (
          <p class="notice" role="alert">{t('restaurant.notFound')}</p>
        ) : (
          <ProblemNotice problem={problem} />
        )}
      </div>
    );
  }

  const week = weekOf(restaurant.opening_hours);
  const days = DAY_NAMES(document.documentElement.lang || 'en');
  return (
    <article class="detail">
      <p>
        <a href="/" onClick={(event) => { if (history.length > 1) { event.preventDefault(); history.back(); } }}>
          ← {t('restaurant.back')}
        </a>
      </p>
      <h1>
        {restaurant.name}
        {restaurant.name_ja && restaurant.name_ja !== restaurant.name && (
          <span class="name-ja" lang="ja"> {restaurant.name_ja}</span>
        )}
      </h1>
      {savedAt && (
        <p class="notice notice-stale" role="status">
          {t('search.savedData', { age: age(savedAt) })}
        </p>
      )}
      <ProblemNotice problem={problem} />
      <dl class="facts">
        {restaurant.address && (<><dt>{t('restaurant.address')}</dt><dd>{restaurant.address}</dd></>)}
        {restaurant.phone && (<><dt>{t('restaurant.phone')}</dt><dd><a href={`tel:${restaurant.phone}`}>{restaurant.phone}</a></dd></>)}
        {restaurant.website && (
          <><dt>{t('restaurant.website')}</dt><dd><a href={restaurant.website} rel="noopener noreferrer" target="_blank">{restaurant.website}</a></dd></>
        )}
        {restaurant.price_range && (<><dt>{t('restaurant.priceRange')}</dt><dd>{restaurant.price_range}</dd></>)}
        {restaurant.rating != null && (<><dt>{t('restaurant.rating')}</dt><dd>★ {restaurant.rating.toFixed(1)}</dd></>)}
      </dl>

      {week && (
        <section aria-labelledby="hours">
          <h2 id="hours">{t('restaurant.hours')}</h2>
          <table class="hours">
            <tbody>
              {week.map((day) => (
                <tr class={day.today ? 'today' : undefined} aria-current={day.today ? 'date' : undefined}>
                  <th scope="row">{days[day.day]}{day.today && <span class="today-mark"> ({t('restaurant.today')})</span>}</th>
                  <td>{day.hours ?? t('restaurant.closed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {user && favorite !== undefined && (
        <section aria-labelledby="favorite">
          <h2 id="favorite">{favorite ? t('favorites.yours') : t('favorites.add')}</h2>
          <FavoriteEditor restaurantId={id} favorite={favorite} onChange={setFavorite} />
        </section>
      )}

      <section aria-labelledby="tabelog" class="tabelog">
        <h2 id="tabelog">{t('restaurant.tabelog')}</h2>
        {tabelog ? (
          <p class="tabelog-rating" data-testid="tabelog-rating">
            <strong>★ {tabelog.rating?.toFixed(2)}</strong>{' '}
            {tabelog.review_count != null && t('restaurant.tabelogReviews', { count: tabelog.review_count })}{' · '}
            {tabelog.updated_at && t('restaurant.tabelogAge', { age: age(tabelog.updated_at) })}{' · '}
            {tabelog.url && <a href={tabelog.url} rel="noopener noreferrer" target="_blank">{t('restaurant.tabelogLink')}</a>}
          </p>
        ) : (
          <p>{t('restaurant.tabelogNone')}</p>
        )}
        {restaurant.source === 'google' &&
          (user ? (
            <button type="button" class="primary" onClick={fetchTabelog} disabled={fetching !== null && fetching.status !== 'FAILED' && fetching.status !== 'NO_MATCH'}>
              {t('restaurant.fetch')}
            </button>
          ) : (
            <p><a href="/account">{t('restaurant.fetchSignIn')}</a></p>
          ))}
        {fetching && (
          <p class="progress" role="status" aria-live="polite">
            {t(`restaurant.status.${fetching.status}`, { error: fetching.error ?? '' })}
          </p>
        )}
      </section>
    </article>
  );
}
