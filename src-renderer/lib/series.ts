/** Buckets of activity per hour over the last `hours`, oldest first, for the dashboard charts. */
export interface HourBucket {
  start: number;
  label: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageRow {
  created_at: string;
  input_tokens: number;
  output_tokens: number;
}

const HOUR = 3_600_000;

export function hourlyBuckets(rows: readonly UsageRow[], now: number, hours = 24): HourBucket[] {
  const end = Math.floor(now / HOUR) * HOUR + HOUR;
  const start = end - hours * HOUR;
  const buckets: HourBucket[] = [];
  for (let t = start; t < end; t += HOUR) {
    const d = new Date(t);
    buckets.push({ start: t, label: `${String(d.getHours()).padStart(2, '0')}:00`, requests: 0, inputTokens: 0, outputTokens: 0 });
  }
  for (const r of rows) {
    const t = Date.parse(r.created_at);
    if (!(t >= start && t < end)) continue;
    const b = buckets[Math.floor((t - start) / HOUR)];
    if (!b) continue;
    b.requests += 1;
    b.inputTokens += r.input_tokens;
    b.outputTokens += r.output_tokens;
  }
  return buckets;
}
