import { useLocation } from 'preact-iso';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { answer, mapApi, restaurantApi } from '../api/client';
import type { components } from '../api/generated/map';
import { ApiProblem } from '../api/problem';
import type { AppConfig } from '../appConfig';
import { i18nLanguage, t } from '../i18n';
import { MapView, type Marker } from '../map/MapView';
import { ProblemNotice } from '../ProblemNotice';
import {
  type Bbox,
  formatSearch,
  locationBias,
  MIN_RATINGS,
  parseSearch,
  RANKS,
  type Search,
  TOKYO,
} from './searchParams';

type Place = components['schemas']['Place'];

/** The text query and filters, the map's area as the location bias; the URL holds it all. */
export function SearchPage({ config }: { config: AppConfig }) {
  const location = useLocation();
  const search = useMemo(() => parseSearch(location.url.split('?')[1] ?? ''), [location.url]);
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [visible, setVisible] = useState<Bbox | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const retry = useRef<number>();

  const go = (next: Search) => location.route('/' + formatSearch(next));

  // "Search this area" belongs to the search on screen: another search (a new one, back, forward) withdraws it
  // until the map is moved again.
  useEffect(() => setVisible(null), [location.url]);

  useEffect(() => {
    window.clearTimeout(retry.current);
    if (!search.q) {
      setPlaces(null);
      setProblem(null);
      return;
    }
    let cancelled = false;
    const run = async () => {
      setLoading(true);
      try {
        const { data } = await answer(
          mapApi.POST('/api/v1/map/advance_search', {
            body: {
              text_query: search.q,
              location_bias: locationBias(search.bbox ?? TOKYO),
              max_result_count: 20,
              min_rating: search.minRating ?? undefined,
              open_now: search.openNow || undefined,
              rank_preference: search.rank,
              language_code: i18nLanguage(),
            },
          }),
        );
        if (cancelled) return;
        setPlaces(data.places ?? []);
        setProblem(null);
      } catch (failure) {
        if (cancelled) return;
        setProblem(failure);
        // A 429 says when to try again: the app does so by itself.
        if (failure instanceof ApiProblem && failure.isRateLimited) {
          retry.current = window.setTimeout(run, (failure.retryAfter ?? 5) * 1000);
        }
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    run();
    return () => {
      cancelled = true;
      window.clearTimeout(retry.current);
    };
  }, [search.q, search.bbox?.west, search.bbox?.south, search.bbox?.east, search.bbox?.north, search.minRating,
      search.openNow, search.rank]);

  const markers: Marker[] = (places ?? []).flatMap((place) =>
    place.id && place.location?.latitude != null && place.location.longitude != null
      ? [{
          id: place.id,
          name: place.displayName?.text ?? place.id,
          latitude: place.location.latitude,
          longitude: place.location.longitude,
        }]
      : [],
  );

  /** A place becomes a restaurant of ours (restaurant-service's quick search), then its page opens. */
  const open = async (placeId: string) => {
    setOpening(placeId);
    try {
      const { data } = await answer(
        restaurantApi.GET('/api/v1/restaurants/quick-search/{placeId}', { params: { path: { placeId } } }),
      );
      location.route(`/restaurants/${data.restaurant!.id}`);
    } catch (failure) {
      setProblem(failure);
    } finally {
      setOpening(null);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const minRating = Number(form.get('min_rating'));
    go({
      q: String(form.get('q') ?? '').trim(),
      bbox: visible ?? search.bbox ?? TOKYO,
      minRating: MIN_RATINGS.includes(minRating as (typeof MIN_RATINGS)[number]) ? minRating : null,
      openNow: form.get('open_now') === 'on',
      rank: (form.get('rank') as Search['rank']) ?? 'RELEVANCE',
    });
  };

  const moved = visible && search.q && formatSearch({ ...search, bbox: visible }) !== formatSearch(search);

  return (
    <div class="search-page">
      <form class="search-form" role="search" onSubmit={onSubmit}>
        <label class="search-query">
          <span>{t('search.label')}</span>
          <input name="q" type="search" defaultValue={search.q} placeholder={t('search.placeholder')} required
            maxLength={200} autoComplete="off" key={search.q} />
        </label>
        <label>
          <span>{t('search.minRating')}</span>
          <select name="min_rating" key={`r${search.minRating}`} defaultValue={String(search.minRating ?? '')}>
            <option value="">{t('search.any')}</option>
            {MIN_RATINGS.map((rating) => (
              <option value={String(rating)}>{rating.toFixed(1)}+</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('search.rank')}</span>
          <select name="rank" key={`k${search.rank}`} defaultValue={search.rank}>
            {RANKS.map((rank) => (
              <option value={rank}>{t(`search.${rank}`)}</option>
            ))}
          </select>
        </label>
        <label class="checkbox">
          <input name="open_now" type="checkbox" key={`o${search.openNow}`} defaultChecked={search.openNow} />
          <span>{t('search.openNow')}</span>
        </label>
        <button type="submit" class="primary">{t('search.submit')}</button>
      </form>

      <ProblemNotice problem={problem} />

      <div class="results">
        <section class="result-list" aria-label={t('search.listLabel')} aria-busy={loading}>
          {places === null && !problem && <p class="hint">{t('search.start')}</p>}
          {places !== null && (
            <p class="count" role="status">
              {places.length === 0 ? t('search.none') : t('search.results', { count: places.length })}
            </p>
          )}
          <ol>
            {(places ?? []).map((place) => (
              <li
                key={place.id}
                class={place.id === highlighted ? 'place place-active' : 'place'}
                onMouseEnter={() => setHighlighted(place.id ?? null)}
                onMouseLeave={() => setHighlighted(null)}
              >
                <button
                  type="button"
                  class="place-open"
                  aria-label={t('search.open', { name: place.displayName?.text ?? '' })}
                  aria-busy={opening === place.id}
                  onFocus={() => setHighlighted(place.id ?? null)}
                  onBlur={() => setHighlighted(null)}
                  onClick={() => place.id && open(place.id)}
                >
                  <span class="place-name">{place.displayName?.text}</span>
                  <span class="place-meta">
                    {place.rating != null && <span class="rating">★ {place.rating.toFixed(1)}</span>}
                    {place.formattedAddress}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
        <div class="result-map">
          <MapView
            config={config}
            bbox={search.bbox ?? TOKYO}
            markers={markers}
            highlighted={highlighted}
            onHighlight={setHighlighted}
            onSelect={open}
            onMoved={setVisible}
          />
          {moved && (
            <button type="button" class="this-area" onClick={() => go({ ...search, bbox: visible! })}>
              {t('search.thisArea')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
