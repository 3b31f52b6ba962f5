/** Tags as typed ("date night, ramen,  Ramen"): trimmed, 1–50 characters, duplicates (any case) once, at most 20. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(/[,、，]/)) {
    const tag = raw.trim().slice(0, 50);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
    if (tags.length === 20) break;
  }
  return tags;
}

export type FavoriteOrder = 'newest' | 'name' | 'area';

interface Sortable {
  created_at?: string;
  restaurant?: { name?: string; area?: string };
}

/** The favourites in the chosen order (newest first is the server's). */
export function sortFavorites<T extends Sortable>(favorites: T[], order: FavoriteOrder, locale = 'en'): T[] {
  const text = (favorite: T) => (order === 'area' ? favorite.restaurant?.area : favorite.restaurant?.name) ?? '';
  return [...favorites].sort((a, b) =>
    order === 'newest'
      ? (b.created_at ?? '').localeCompare(a.created_at ?? '')
      : text(a).localeCompare(text(b), locale) || (a.restaurant?.name ?? '').localeCompare(b.restaurant?.name ?? ''),
  );
}
