import { Link } from 'react-router';

import { BreakdownChart } from './breakdown-chart';
import { Attention, breakdownGroups, drillAddress, figureWords, Tile, updateModelWords, whenWords } from './tile-words';
import { TrendChart } from './trend-chart';

const ICON: Record<Attention['icon'], string> = {
  'alert-triangle': '⚠',
  target: '◎',
  'trending-up': '↑',
  'trending-down': '↓',
  clock: '◷',
};

/** An attention indicator: an icon and its words, never colour alone. */
export function AttentionBadge({ a }: { a: Attention }) {
  return (
    <li className={`attention attention-${a.level}`}>
      <span aria-hidden="true">{ICON[a.icon] ?? '⚠'} </span>
      <span className="visually-hidden">{a.level === 'alert' ? 'Alert: ' : 'Needs attention: '}</span>
      {a.label}
      <span className="flag-detail">{a.condition}</span>
    </li>
  );
}

/**
 * One metric: the figure, its update model and freshness label always visible, stale since when, attention
 * indicators, the trend and the breakdown as charts with text alternatives, and the drill-through to the records behind it.
 */
export function MetricTile({ tile, drillSearch }: { tile: Tile; drillSearch: string }) {
  const titleId = `tile-${tile.metricKey.replace(/[^a-z0-9-]/gi, '-')}`;
  const charts = tile.bySite?.length
    ? [{ caption: `${tile.name}: by site`, rows: tile.bySite.map((s) => ({ label: s.siteName, value: s.value ?? 0 })) }]
    : breakdownGroups(tile.breakdown).map((g) => ({
        caption: `${tile.name}: ${g.dimension ? `by ${g.dimension}` : 'breakdown'}`,
        rows: g.rows,
      }));
  const format = (v: number) => figureWords(v, tile.unit);
  return (
    <section className={`tile${tile.stale ? ' tile-stale' : ''}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="tile-name">
        {tile.name}
      </h2>
      <p className="tile-figure">{figureWords(tile.value, tile.unit)}</p>
      {tile.target !== null && tile.target !== undefined && <p className="small muted">Target {format(tile.target)}</p>}
      <p className="tile-meta small">
        <span>{updateModelWords(tile.updateModel)}</span> · <span>{tile.freshness.label}</span>
        {tile.scope === 'own' && <> · Your own figures</>}
      </p>
      {tile.stale && (
        <p className="tile-stale-note small" role="note">
          <span aria-hidden="true">◷ </span>Not current since {whenWords(tile.stale.since)}: {tile.stale.reason}
        </p>
      )}
      {tile.attention.length > 0 && (
        <ul className="flags">
          {tile.attention.map((a) => (
            <AttentionBadge key={`${a.rule}-${a.label}`} a={a} />
          ))}
        </ul>
      )}
      <TrendChart tile={tile} format={format} />
      {charts.map((c) => (
        <BreakdownChart key={c.caption} caption={c.caption} rows={c.rows} format={format} />
      ))}
      {tile.drill && (
        <p className="small">
          <Link to={drillAddress(tile.drill, drillSearch)}>
            See the records<span className="visually-hidden"> behind {tile.name}</span>
          </Link>
        </p>
      )}
    </section>
  );
}
