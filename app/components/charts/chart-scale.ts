/**
 * Pure geometry of the server-rendered charts: dates as day numbers, linear scales and year ticks.
 * Kept apart from the components so the unit tests can check the arithmetic on its own.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day written YYYY-MM-DD (time zones play no part). */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number);
  return Math.round(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / DAY_MS);
}

/** The calendar day (YYYY-MM-DD) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export type TimeDomain = { startDay: number; endDay: number };

/**
 * Whole calendar years around every date and today: from 1 January of the earliest year to
 * 1 January after the latest, so the year ticks fall on the edges.
 */
export function timeDomain(dates: readonly string[], today: string): TimeDomain {
  const years = [...dates, today].map((date) => Number(date.slice(0, 4)));
  const first = Math.min(...years);
  const last = Math.max(...years);
  return { startDay: dayNumber(`${first}-01-01`), endDay: dayNumber(`${last + 1}-01-01`) };
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to r0. */
export function scaleLinear(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** 1 January of each year inside the domain; every second year when there are more than twelve. */
export function yearTicks(domain: TimeDomain): Array<{ year: number; day: number }> {
  const first = Number(isoDay(domain.startDay).slice(0, 4));
  const last = Number(isoDay(domain.endDay).slice(0, 4));
  const step = last - first > 12 ? 2 : 1;
  const ticks: Array<{ year: number; day: number }> = [];
  for (let year = first; year <= last; year += step) ticks.push({ year, day: dayNumber(`${year}-01-01`) });
  return ticks;
}

/** Rounds for SVG attributes: two decimals are finer than any screen or printer. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Shortens a label to `max` characters with an ellipsis (the full text stays in the table). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
