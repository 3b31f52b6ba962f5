import { describe, expect, it } from 'vitest';
import { partOf, problemOf, retryAfterSeconds } from './problem';

describe('problems', () => {
  it('reads the code, the detail, each field’s message and when to retry', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '7' } });
    const problem = problemOf(response, {
      code: 'RATE_LIMITED',
      detail: 'Too many requests.',
      errors: [
        { field: 'email', message: 'must be an email address' },
        { field: 'email', message: 'second message' },
      ],
    });
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.detail).toBe('Too many requests.');
    expect(problem.retryAfter).toBe(7);
    expect(problem.fields).toEqual({ email: 'must be an email address' });
    expect(problem.isRateLimited).toBe(true);
  });

  it('still makes a problem of a body that is not one', () => {
    const problem = problemOf(new Response(null, { status: 503, statusText: 'Service Unavailable' }), 'oops');
    expect(problem.code).toBe('HTTP_503');
    expect(problem.isUnavailable).toBe(true);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(30);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });
});

describe('the part a problem concerns', () => {
  it('is read from the path the request went to', () => {
    expect(partOf('http://127.0.0.1:8000/api/v1/map/advance_search')).toBe('places');
    expect(partOf('https://tabelogo.example/api/v1/me/favorites/42')).toBe('favorites');
    expect(partOf('/api/v1/restaurants/42/tabelog')).toBe('restaurants');
    expect(partOf('/api/v1/spider/scrape')).toBe('tabelog');
    expect(partOf('/api/v1/auth/login')).toBe('accounts');
    expect(partOf('/app-config.json')).toBeNull();
    expect(partOf('')).toBeNull();
  });

  it('is the place search when restaurant-service could not reach the map', () => {
    expect(partOf('/api/v1/restaurants/quick-search/abc', 'MAP_UNAVAILABLE')).toBe('places');
  });
});
