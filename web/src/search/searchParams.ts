/** A search as the URL holds it: `?q=…&bbox=west,south,east,north&min_rating=…&open_now=1&rank=…`. */
export interface Search {
  q: string;
  bbox: Bbox | null;
  minRating: number | null;
  openNow: boolean;
  rank: Rank;
}

export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export const RANKS = ['RELEVANCE', 'DISTANCE'] as const;
export type Rank = (typeof RANKS)[number];
export const MIN_RATINGS = [3, 3.5, 4, 4.5] as const;

/** Where the map opens before any search: central Tokyo. */
export const TOKYO: Bbox = { west: 139.69, south: 35.65, east: 139.78, north: 35.71 };

export function parseSearch(query: string): Search {
  const params = new URLSearchParams(query);
  const minRating = Number(params.get('min_rating'));
  const rank = params.get('rank');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    bbox: parseBbox(params.get('bbox')),
    minRating: MIN_RATINGS.includes(minRating as (typeof MIN_RATINGS)[number]) ? minRating : null,
    openNow: params.get('open_now') === '1',
    rank: RANKS.includes(rank as Rank) ? (rank as Rank) : 'RELEVANCE',
  };
}

/** A bbox from `west,south,east,north`; null when it is not four numbers of a real, non-empty box. */
export function parseBbox(text: string | null): Bbox | null {
  if (!text) return null;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [west, south, east, north] = parts;
  const inRange = (lng: number, lat: number) => lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
  if (!inRange(west, south) || !inRange(east, north) || west >= east || south >= north) return null;
  return { west, south, east, north };
}

/** Five decimals: about a metre, and short URLs. */
export function formatBbox(bbox: Bbox): string {
  return [bbox.west, bbox.south, bbox.east, bbox.north].map((n) => n.toFixed(5)).join(',');
}

export function formatSearch(search: Search): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.bbox) params.set('bbox', formatBbox(search.bbox));
  if (search.minRating !== null) params.set('min_rating', String(search.minRating));
  if (search.openNow) params.set('open_now', '1');
  if (search.rank !== 'RELEVANCE') params.set('rank', search.rank);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** map-service's location bias: the visible area as a rectangle. */
export function locationBias(bbox: Bbox) {
  return {
    rectangle: {
      low: { latitude: bbox.south, longitude: bbox.west },
      high: { latitude: bbox.north, longitude: bbox.east },
    },
  };
}
