/** Quarters for the KPI pickers, in the estates' timezone (Asia/Shanghai). */
export interface Quarter {
  key: string; // "2026-Q4"
  year: number;
  q: number; // 1..4
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function quarterOf(year: number, q: number): Quarter {
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    key: `${year}-Q${q}`,
    year,
    q,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** Today's date in Shanghai as [year, month 1..12]. */
export function shanghaiYearMonth(now: Date = new Date()): [number, number] {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  return [y, m];
}

/** The current quarter first, then the `count - 1` before it. */
export function recentQuarters(count = 8, now: Date = new Date()): Quarter[] {
  const [year, month] = shanghaiYearMonth(now);
  let y = year;
  let q = Math.floor((month - 1) / 3) + 1;
  const out: Quarter[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(quarterOf(y, q));
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}
