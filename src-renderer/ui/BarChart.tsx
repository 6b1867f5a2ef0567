export interface BarPoint {
  label: string;
  /** Stacked parts, bottom first. */
  values: number[];
}

/** A small stacked bar chart in plain SVG; colors follow the theme (first part = accent). */
export function BarChart({ points, legend, label, format }: { points: readonly BarPoint[]; legend: readonly string[]; label: string; format: (n: number) => string }) {
  const width = 640;
  const height = 160;
  const pad = { top: 10, bottom: 2, left: 4, right: 4 };
  const max = Math.max(1, ...points.map((p) => p.values.reduce((a, b) => a + b, 0)));
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const barW = Math.max(2, slot * 0.7);
  const scale = (v: number) => (v / max) * (height - pad.top - pad.bottom);
  const colors = ['var(--accent)', 'var(--warn)', 'var(--ok)'];
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line className="chart-axis" x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} />
        {points.map((p, i) => {
          let y = height - pad.bottom;
          const x = pad.left + i * slot + (slot - barW) / 2;
          return (
            <g key={p.label}>
              <title>{`${p.label}: ${p.values.map((v, j) => `${legend[j] ?? ''} ${format(v)}`).join(', ')}`}</title>
              {p.values.map((v, j) => {
                const h = scale(v);
                y -= h;
                return <rect key={j} x={x} y={y} width={barW} height={h} rx={1.5} style={{ fill: colors[j % colors.length] }} />;
              })}
            </g>
          );
        })}
      </svg>
      {/* Axis labels in HTML: the SVG stretches to the card width, which would distort its text. */}
      <div className="chart-axis-labels" aria-hidden="true">
        {points.map((p, i) => (
          <span key={p.label}>{i % Math.ceil(points.length / 8) === 0 ? p.label : ''}</span>
        ))}
      </div>
      <figcaption className="row muted" style={{ fontSize: 12, gap: 12 }}>
        {legend.map((l, j) => (
          <span key={l} className="row" style={{ gap: 4 }}>
            <i style={{ width: 10, height: 10, borderRadius: 2, background: colors[j % colors.length], display: 'inline-block' }} /> {l}
          </span>
        ))}
        <span>max {format(max)}</span>
      </figcaption>
    </figure>
  );
}
