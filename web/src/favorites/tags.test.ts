import { describe, expect, it } from 'vitest';
import { parseTags, sortFavorites } from './tags';

describe('favourite tags and order', () => {
  it('keeps each tag once, trimmed, within the API’s limits', () => {
    expect(parseTags(' date night, ramen,Ramen ,, 深夜、ラーメン')).toEqual(['date night', 'ramen', '深夜', 'ラーメン']);
    expect(parseTags('x'.repeat(60))).toEqual(['x'.repeat(50)]);
    expect(parseTags(Array.from({ length: 30 }, (_, i) => `t${i}`).join(','))).toHaveLength(20);
    expect(parseTags(' , ')).toEqual([]);
  });

  it('sorts by name, area or newest', () => {
    const favorites = [
      { created_at: '2026-01-02', restaurant: { name: 'Bar', area: 'Shibuya' } },
      { created_at: '2026-01-03', restaurant: { name: 'Alpha', area: 'Shinjuku' } },
      { created_at: '2026-01-01', restaurant: { name: 'Cafe', area: 'Ginza' } },
    ];
    expect(sortFavorites(favorites, 'name').map((f) => f.restaurant.name)).toEqual(['Alpha', 'Bar', 'Cafe']);
    expect(sortFavorites(favorites, 'area').map((f) => f.restaurant.area)).toEqual(['Ginza', 'Shibuya', 'Shinjuku']);
    expect(sortFavorites(favorites, 'newest').map((f) => f.restaurant.name)).toEqual(['Alpha', 'Bar', 'Cafe']);
  });
});
