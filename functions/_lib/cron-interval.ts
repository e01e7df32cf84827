// Turns an interval into a cron pattern croner runs without waking every second.

/** "every N seconds" as a cron pattern when N divides a minute, an hour or a day; otherwise undefined. */
export function cronForInterval(ms: number): string | undefined {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60 && 60 % s === 0) return s === 1 ? '* * * * * *' : `*/${s} * * * * *`;
  if (s % 60 === 0 && s < 3600 && 60 % (s / 60) === 0) return s === 60 ? '0 * * * * *' : `0 */${s / 60} * * * *`;
  if (s % 3600 === 0 && s < 86400 && 24 % (s / 3600) === 0)
    return s === 3600 ? '0 0 * * * *' : `0 0 */${s / 3600} * * *`;
  if (s === 86400) return '0 0 0 * * *';
  return undefined;
}
