// Tabelogo's user journey as k6 load, for teams that use k6 (the Gatling simulation in load/src is the same journey):
//   k6 run -e BASE_URL=https://staging.example.org -e VISITORS_PER_SECOND=5 -e DURATION=60s load/k6/journey.js
// An open model (constant-arrival-rate: visitors arrive at a rate whatever the latency), weighted as people use it,
// judged by thresholds on p95, p99 and the share of failed requests (k6 exits non-zero when one is crossed).
// Every request carries one visitor's token, made in setup(): all the load comes from one address, and the gateway's
// limit for signed-in visitors (1000 a minute per user) is the one that applies.
import http from 'k6/http';
import { check, fail } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8000';
const RATE = Number(__ENV.VISITORS_PER_SECOND || 5);
const DURATION = __ENV.DURATION || '60s';
const DISHES = ['ramen', 'sushi', 'udon', 'soba', 'tempura', 'yakitori', 'curry'];

/**
 * A share of the arriving visitors, running one journey.
 * @param {string} journey the exported function the visitors run
 * @param {number} share of the visitors per second
 * @returns {import('k6/options').Scenario}
 */
function visitors(journey, share) {
  return {
    executor: 'constant-arrival-rate',
    exec: journey,
    rate: Math.max(1, Math.round(RATE * share * 10)),
    timeUnit: '10s',
    duration: DURATION,
    preAllocatedVUs: 10,
    maxVUs: 100,
  };
}

// map-service allows 30 place searches a minute per client address, and all the load comes from one: the live
// searches stay under that, and the other journeys open places found in setup().
const SEARCHES_PER_SECOND = 0.3;

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    browse: visitors('browse', 0.45),
    search: visitors('search', Math.min(0.1, SEARCHES_PER_SECOND / RATE)),
    restaurant: visitors('restaurant', 0.35),
    favourites: visitors('favourites', 0.08),
    scrape: visitors('scrape', 0.02),
  },
  thresholds: {
    http_req_duration: ['p(95)<500', 'p(99)<1500'],
    http_req_failed: ['rate<0.01'],
  },
};

/**
 * @typedef {{ placeId: string, placeName: string }} Place
 * @typedef {{ token: string, places: Place[] }} Data
 */

/**
 * One visitor account for the whole test, registered and logged in through the gateway, and places to open.
 * @returns {Data}
 */
export function setup() {
  const email = `load-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;
  const password = `Load-${Math.random().toString(36).slice(2)}-A1`;
  const json = { headers: { 'Content-Type': 'application/json' } };
  const registered = http.post(`${BASE_URL}/api/v1/auth/register`,
    JSON.stringify({ email, password, username: 'load-test' }), json);
  if (registered.status !== 201) {
    fail(`registration answered ${registered.status}: ${registered.body}`);
  }
  const login = http.post(`${BASE_URL}/api/v1/auth/login`, JSON.stringify({ email, password }), json);
  if (login.status !== 200) {
    fail(`login answered ${login.status}: ${login.body}`);
  }
  const token = /** @type {string} */ (login.json('access_token'));
  /** @type {Place[]} */
  const places = [];
  for (const dish of DISHES) {
    for (const id of searchPlaces({ token, places }, dish)) {
      places.push({ placeId: id, placeName: dish });
    }
  }
  if (places.length === 0) {
    fail('no place found near Shibuya to open during the load');
  }
  return { token, places };
}

/**
 * @param {Data} data
 * @returns {import('k6/http').Params}
 */
function signedIn(data) {
  return { headers: { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' } };
}

/**
 * Places of a dish around Shibuya, as the map searches them.
 * @param {Data} data
 * @param {string} dish
 * @returns {string[]} the places' ids
 */
function searchPlaces(data, dish) {
  const answer = http.post(`${BASE_URL}/api/v1/map/advance_search`, JSON.stringify({
    text_query: dish,
    location_bias: { rectangle: { low: { latitude: 35.64, longitude: 139.68 }, high: { latitude: 35.68, longitude: 139.72 } } },
    max_result_count: 5,
  }), signedIn(data));
  check(answer, { 'search places: 200': (r) => r.status === 200 });
  const ids = answer.status === 200 ? answer.json('places.#.id') : [];
  return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').map(String) : [];
}

/**
 * A place found in setup(), opened as a restaurant, with its Tabelog rating if it has one.
 * @param {Data} data
 * @returns {string | null} the restaurant's id
 */
function openRestaurant(data) {
  const place = data.places[Math.floor(Math.random() * data.places.length)];
  const restaurant = http.get(`${BASE_URL}/api/v1/restaurants/quick-search/${place.placeId}`, signedIn(data));
  check(restaurant, { 'open restaurant: 200': (r) => r.status === 200 });
  const id = restaurant.status === 200 ? restaurant.json('restaurant.id') : null;
  if (typeof id !== 'string') {
    return null;
  }
  const tabelog = http.get(`${BASE_URL}/api/v1/restaurants/${id}/tabelog`,
    Object.assign(signedIn(data), { responseCallback: http.expectedStatuses(200, 404) }));
  check(tabelog, { 'tabelog rating: 200 or 404': (r) => r.status === 200 || r.status === 404 });
  return id;
}

/** @param {Data} data */
export function browse(data) {
  const page = http.get(`${BASE_URL}/api/v1/restaurants?size=20&sort=rating`, signedIn(data));
  check(page, { 'browse restaurants: 200': (r) => r.status === 200 });
}

/** @param {Data} data */
export function search(data) {
  searchPlaces(data, DISHES[Math.floor(Math.random() * DISHES.length)]);
}

/** @param {Data} data */
export function restaurant(data) {
  openRestaurant(data);
}

/** @param {Data} data */
export function favourites(data) {
  const id = openRestaurant(data);
  if (id === null) {
    return;
  }
  const saved = http.put(`${BASE_URL}/api/v1/me/favorites/${id}`, JSON.stringify({ notes: 'load test' }), signedIn(data));
  check(saved, { 'save favourite: 200 or 201': (r) => r.status === 200 || r.status === 201 });
  check(http.get(`${BASE_URL}/api/v1/me/favorites`, signedIn(data)), { 'list favourites: 200': (r) => r.status === 200 });
  // Visitors share one account: another may have removed it first.
  const removed = http.del(`${BASE_URL}/api/v1/me/favorites/${id}`, null,
    Object.assign(signedIn(data), { responseCallback: http.expectedStatuses(204, 404) }));
  check(removed, { 'remove favourite: 204 or 404': (r) => r.status === 204 || r.status === 404 });
}

/** @param {Data} data */
export function scrape(data) {
  const place = data.places[Math.floor(Math.random() * data.places.length)];
  const asked = http.post(`${BASE_URL}/api/v1/spider/scrape`, JSON.stringify({
    google_id: place.placeId, place_name: place.placeName, area: 'Shibuya', max_results: 3,
  }), signedIn(data));
  check(asked, { 'scrape tabelog: 200 or 202': (r) => r.status === 200 || r.status === 202 });
}
