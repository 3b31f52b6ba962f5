import { describe, expect, it } from 'vitest';
import { formatSearch, locationBias, parseBbox, parseSearch } from './searchParams';

describe('the search in the URL', () => {
  it('round-trips every part', () => {
    const query = '?q=ramen&bbox=139.69000%2C35.65000%2C139.78000%2C35.71000&min_rating=4&open_now=1&rank=DISTANCE';
    const search = parseSearch(query);
    expect(search).toEqual({
      q: 'ramen',
      bbox: { west: 139.69, south: 35.65, east: 139.78, north: 35.71 },
      minRating: 4,
      openNow: true,
      rank: 'DISTANCE',
    });
    expect(formatSearch(search)).toBe(query);
  });

  it('drops what it cannot use instead of sending it on', () => {
    expect(parseSearch('?min_rating=2.7&rank=CHEAPEST&open_now=yes&bbox=1,2,3')).toEqual({
      q: '',
      bbox: null,
      minRating: null,
      openNow: false,
      rank: 'RELEVANCE',
    });
    expect(parseBbox('139.7,35.7,139.6,35.8')).toBeNull(); // west east of east
    expect(parseBbox('10,95,20,96')).toBeNull(); // no such latitude
    expect(parseBbox('a,b,c,d')).toBeNull();
    expect(formatSearch(parseSearch(''))).toBe('');
  });

  it('gives map-service the visible area as its location bias', () => {
    expect(locationBias({ west: 1, south: 2, east: 3, north: 4 })).toEqual({
      rectangle: { low: { latitude: 2, longitude: 1 }, high: { latitude: 4, longitude: 3 } },
    });
  });
});
