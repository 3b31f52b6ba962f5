import { describe, expect, it } from 'vitest';
import { weekOf } from './openingHours';

const tuesday = new Date(2026, 11, 1, 12, 0); // 1 Dec 2026 was a Tuesday

describe('weekOf', () => {
  it('lists the week from Monday with each day’s periods and today marked', () => {
    const week = weekOf(
      {
        periods: [
          { open: { day: 2, hour: 11, minute: 30 }, close: { day: 2, hour: 14, minute: 30 } },
          { open: { day: 2, hour: 17, minute: 30 }, close: { day: 2, hour: 22, minute: 0 } },
          { open: { day: 0, hour: 9, minute: 0 }, close: { day: 0, hour: 15, minute: 0 } },
        ],
      },
      tuesday,
    );
    expect(week?.map((d) => d.day)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(week?.[1]).toEqual({ day: 2, hours: '11:30–14:30, 17:30–22:00', today: true });
    expect(week?.[0]).toEqual({ day: 1, hours: null, today: false });
    expect(week?.[6].hours).toBe('09:00–15:00');
  });

  it('reads the text per weekday that restaurant-service stores', () => {
    const week = weekOf(
      { monday: '11:00 AM – 10:30 PM', tuesday: 'Closed', sunday: ' ', extra: 1 },
      tuesday,
    );
    expect(week?.[0]).toEqual({ day: 1, hours: '11:00 AM – 10:30 PM', today: false });
    expect(week?.[1]).toEqual({ day: 2, hours: 'Closed', today: true });
    expect(week?.[6]).toEqual({ day: 0, hours: null, today: false });
  });

  it('reads nothing from data without usable periods', () => {
    expect(weekOf(null, tuesday)).toBeNull();
    expect(weekOf({ weekdayDescriptions: ['Monday: Closed'] }, tuesday)).toBeNull();
    expect(weekOf({ periods: [{ open: { day: 9 } }, 'x'] }, tuesday)).toBeNull();
  });
});
