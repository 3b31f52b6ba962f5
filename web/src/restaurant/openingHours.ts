/** A day's opening as shown: `day` 0 is Sunday, `hours` like "11:30–14:30, 17:30–22:00" or null when closed. */
export interface DayHours {
  day: number;
  hours: string | null;
  today: boolean;
}

interface Moment {
  day?: number;
  hour?: number;
  minute?: number;
}

const DAY_KEYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * The week of a restaurant's stored opening hours, Monday first, with today marked: restaurant-service stores a text
 * per weekday (`{"monday": "11:00 AM – 10:30 PM", …}`, as the map provider worded it); Google's `periods` are read
 * too. Null when the data holds nothing to read.
 */
export function weekOf(openingHours: unknown, now: Date = new Date()): DayHours[] | null {
  if (!openingHours || typeof openingHours !== 'object') return null;
  const byName = openingHours as Record<string, unknown>;
  if (DAY_KEYS.some((key) => typeof byName[key] === 'string')) {
    return [1, 2, 3, 4, 5, 6, 0].map((day) => {
      const text = byName[DAY_KEYS[day]];
      return { day, hours: typeof text === 'string' && text.trim() ? text.trim() : null, today: day === now.getDay() };
    });
  }
  const periods = (openingHours as { periods?: unknown }).periods;
  if (!Array.isArray(periods) || periods.length === 0) return null;
  const byDay = new Map<number, string[]>();
  for (const period of periods as { open?: Moment; close?: Moment }[]) {
    const open = period?.open;
    if (!open || !isDay(open.day)) continue;
    const close = period.close;
    const text = close && isDay(close.day) ? `${clock(open)}–${clock(close)}` : `${clock(open)}–`;
    byDay.set(open.day!, [...(byDay.get(open.day!) ?? []), text]);
  }
  if (byDay.size === 0) return null;
  return [1, 2, 3, 4, 5, 6, 0].map((day) => ({
    day,
    hours: byDay.get(day)?.join(', ') ?? null,
    today: day === now.getDay(),
  }));
}

function isDay(day: unknown): boolean {
  return Number.isInteger(day) && (day as number) >= 0 && (day as number) <= 6;
}

function clock(moment: Moment): string {
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${pad(moment.hour)}:${pad(moment.minute)}`;
}
