export type StripTone = 'ok' | 'warn' | 'bad' | 'none';

export interface StripCell {
  tone: StripTone;
  title: string;
}

/** A row of equal cells, one per time window; gray means no data for that window. */
export function StatusStrip({ cells, label }: { cells: readonly StripCell[]; label: string }) {
  return (
    <div className="strip" role="img" aria-label={label}>
      {cells.map((c, i) => (
        <span key={i} className={`strip-cell${c.tone !== 'none' ? ` strip-${c.tone}` : ''}`} title={c.title} />
      ))}
    </div>
  );
}
