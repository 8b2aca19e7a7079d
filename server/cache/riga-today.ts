const rigaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' });
let dayMinute = -1;
let dayOfMinute = '';

/** Today in Riga (YYYY-MM-DD), formatted once a minute: Riga's midnight (UTC+2 or +3) always falls on a whole UTC minute. */
export function rigaToday(): string {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== dayMinute) {
    dayOfMinute = rigaDay.format(new Date(minute * 60_000));
    dayMinute = minute;
  }
  return dayOfMinute;
}
