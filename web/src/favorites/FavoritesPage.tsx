import { useEffect, useState } from 'preact/hooks';
import { answer, restaurantApi } from '../api/client';
import { t } from '../i18n';
import { ProblemNotice } from '../ProblemNotice';
import { useUser } from '../session';
import { type Favorite, FavoriteEditor } from './FavoriteEditor';
import { type FavoriteOrder, sortFavorites } from './tags';

/** `/favorites`: the signed-in user's favourites, with the restaurant's name and area, each editable here. */
export function FavoritesPage() {
  const user = useUser();
  const [favorites, setFavorites] = useState<Favorite[] | null>(null);
  const [order, setOrder] = useState<FavoriteOrder>('newest');
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    if (!user) return;
    answer(restaurantApi.GET('/api/v1/me/favorites', { params: { query: { size: '100' } } }))
      .then(({ data }) => {
        setFavorites(data.favorites ?? []);
        setProblem(null);
      })
      .catch(setProblem);
  }, [user?.id]);

  if (!user) {
    return (
      <section>
        <h1>{t('favorites.title')}</h1>
        <p><a href="/account">{t('favorites.signIn')}</a></p>
      </section>
    );
  }
  const replace = (restaurantId: string, changed: Favorite | null) =>
    setFavorites((current) =>
      (current ?? []).flatMap((favorite) =>
        favorite.restaurant_id !== restaurantId ? [favorite] : changed ? [{ ...changed, restaurant: favorite.restaurant }] : [],
      ),
    );
  return (
    <section class="favorites">
      <h1>{t('favorites.title')}</h1>
      <ProblemNotice problem={problem} />
      <label class="order">
        <span>{t('favorites.order')}</span>
        <select value={order} onChange={(event) => setOrder((event.currentTarget as HTMLSelectElement).value as FavoriteOrder)}>
          <option value="newest">{t('favorites.newest')}</option>
          <option value="name">{t('favorites.byName')}</option>
          <option value="area">{t('favorites.byArea')}</option>
        </select>
      </label>
      {favorites?.length === 0 && <p class="hint">{t('favorites.none')}</p>}
      <ul class="favorite-list">
        {sortFavorites(favorites ?? [], order, document.documentElement.lang).map((favorite) => (
          <li key={favorite.restaurant_id}>
            <h2>
              <a href={`/restaurants/${favorite.restaurant_id}`}>{favorite.restaurant?.name}</a>
              {favorite.restaurant?.area && <span class="area"> · {favorite.restaurant.area}</span>}
            </h2>
            <FavoriteEditor
              restaurantId={favorite.restaurant_id!}
              favorite={favorite}
              onChange={(changed) => replace(favorite.restaurant_id!, changed)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
