/** The frame of one panel of the steering group's overview: a section named by its heading. */
export function OverviewSection({ id, heading, children }: { id: string; heading: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="overview-panel">
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
    </section>
  );
}

/** A chart and the table with its figures, kept together on a printed page where they fit. */
export function ChartFigure({ children }: { children: React.ReactNode }) {
  return <figure className="overview-chart">{children}</figure>;
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="overview-empty">{children}</p>;
}
