import { useState } from 'preact/hooks';
import { answer, restaurantApi } from '../api/client';
import type { components } from '../api/generated/restaurant';
import { t } from '../i18n';
import { ProblemNotice } from '../ProblemNotice';
import { parseTags } from './tags';

export type Favorite = components['schemas']['Favorite'];

interface Props {
  restaurantId: string;
  favorite: Favorite | null;
  /** The favourite as saved, or null once removed. */
  onChange: (favorite: Favorite | null) => void;
}

/** Add, edit or remove one favourite: notes and tags. */
export function FavoriteEditor({ restaurantId, favorite, onChange }: Props) {
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const prefix = `fav-${restaurantId}`;

  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      const { data } = await answer(
        restaurantApi.PUT('/api/v1/me/favorites/{restaurantId}', {
          params: { path: { restaurantId } },
          body: { notes: String(form.get('notes') ?? ''), tags: parseTags(String(form.get('tags') ?? '')) },
        }),
      );
      setProblem(null);
      setEditing(false);
      onChange(data.favorite ?? null);
    } catch (failure) {
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await answer(
        restaurantApi.DELETE('/api/v1/me/favorites/{restaurantId}', { params: { path: { restaurantId } } }),
      );
      setProblem(null);
      onChange(null);
    } catch (failure) {
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  };

  if (favorite && !editing) {
    return (
      <div class="favorite">
        {favorite.notes && <p class="notes">{favorite.notes}</p>}
        {(favorite.tags ?? []).length > 0 && (
          <ul class="tags" aria-label={t('favorites.tags')}>
            {favorite.tags!.map((tag) => <li>{tag}</li>)}
          </ul>
        )}
        <div class="actions">
          <button type="button" onClick={() => setEditing(true)} disabled={busy}>{t('favorites.edit')}</button>
          <button type="button" onClick={remove} disabled={busy}>{t('favorites.remove')}</button>
        </div>
        <ProblemNotice problem={problem} />
      </div>
    );
  }
  return (
    <form class="favorite-form" onSubmit={save}>
      <label class="field">
        <span>{t('favorites.notes')}</span>
        <textarea id={`${prefix}-notes`} name="notes" maxLength={2000} rows={3} defaultValue={favorite?.notes ?? ''} />
      </label>
      <label class="field">
        <span>{t('favorites.tags')}</span>
        <input id={`${prefix}-tags`} name="tags" type="text" defaultValue={(favorite?.tags ?? []).join(', ')}
          aria-describedby={`${prefix}-tags-hint`} />
        <span id={`${prefix}-tags-hint`} class="hint">{t('favorites.tagsHint')}</span>
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{favorite ? t('favorites.save') : t('favorites.add')}</button>
        {favorite && <button type="button" onClick={() => setEditing(false)}>{t('favorites.cancel')}</button>}
      </div>
      <ProblemNotice problem={problem} />
    </form>
  );
}
