import { useEffect, useState, type FormEvent } from 'react';
import { api, downloadFile, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { ActionButton, Loader, SelectField, words } from '../../shared/ui';
import { BarChart, OutcomeChart, type Cell } from './charts';

interface CountTable {
  readonly rowLabels: string[];
  readonly columnLabels: string[];
  readonly cells: Cell[][];
  readonly rowTotals?: Cell[];
  readonly columnTotals?: Cell[];
  readonly grandTotal?: Cell;
}

/** GET /api/reports/summary (its answer is not typed in the OpenAPI document). */
interface Summary {
  readonly generatedAt: string;
  readonly suppressionThreshold: number;
  readonly notes: string[];
  readonly tables: Record<string, CountTable>;
  readonly medianWeeksPerStage: CountTable;
}

interface Dictionary {
  readonly version: number;
  readonly conventions: Record<string, string>;
  readonly files: {
    file: string;
    description: string;
    rowIs: string;
    columns: { name: string; type: string; description: string; allowedValues: string[] | null }[];
  }[];
  readonly reports?: {
    report: string;
    route: string;
    description: string;
    terms: { name: string; label: string; description: string }[];
  }[];
}

interface Filters {
  readonly siteId: string;
  readonly from: string;
  readonly to: string;
}

const EXPORTS = [
  { path: '/api/exports/link-ups.csv', file: 'link-ups.csv', label: 'Link-ups (CSV)' },
  { path: '/api/exports/goals.csv', file: 'goals.csv', label: 'Goals (CSV)' },
  {
    path: '/api/exports/outcome-measures.csv',
    file: 'outcome-measures.csv',
    label: 'Outcome measures (CSV)',
  },
];

/** The filters as API query parameters (empty ones left out). */
function queryOf(filters: Filters): { siteId?: string; from?: string; to?: string } {
  return {
    ...(filters.siteId === '' ? {} : { siteId: filters.siteId }),
    ...(filters.from === '' ? {} : { from: filters.from }),
    ...(filters.to === '' ? {} : { to: filters.to }),
  };
}

function withQuery(path: string, filters: Filters): string {
  const query = new URLSearchParams(queryOf(filters)).toString();
  return query === '' ? path : `${path}?${query}`;
}

/** A readable label for a report key (statuses, stages, outcomes, ratings, themes). */
function useLabel(): (key: string) => string {
  const m = useMessages();
  const themes = useApiQuery(['/api/settings/vocabularies'], () =>
    unwrap(api.GET('/api/settings/vocabularies')),
  );
  return (key: string) => {
    const theme = themes.data?.vocabularies.goalThemes?.find((t) => t.key === key);
    if (theme !== undefined) return theme.label;
    if (key.startsWith('ended_early:')) {
      const reason = key.slice('ended_early:'.length);
      return m.evaluator.endedEarly(m.evaluator.labels[reason] ?? words(reason));
    }
    return m.evaluator.labels[key] ?? words(key);
  };
}

function show(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '—';
  return typeof cell === 'number' ? String(cell) : cell;
}

function ReportTable({
  id,
  title,
  table,
  rowHeader,
}: {
  id: string;
  title: string;
  table: CountTable;
  rowHeader: string;
}) {
  const m = useMessages();
  const label = useLabel();
  const totals = table.columnTotals;
  const chartRow = totals ?? (table.rowLabels.length === 1 ? table.cells[0] : undefined);
  return (
    <section className="card report" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {table.rowLabels.length === 0 ? (
        <p>{m.evaluator.noData}</p>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="group" aria-label={title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{rowHeader}</th>
                  {table.columnLabels.map((c) => (
                    <th scope="col" className="num" key={c}>
                      {label(c)}
                    </th>
                  ))}
                  {table.rowTotals !== undefined && (
                    <th scope="col" className="num">
                      {m.evaluator.total}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {table.rowLabels.map((r, i) => (
                  <tr key={r}>
                    <th scope="row">{label(r)}</th>
                    {table.columnLabels.map((c, j) => (
                      <td className="num" key={c}>
                        {show(table.cells[i]?.[j])}
                      </td>
                    ))}
                    {table.rowTotals !== undefined && <td className="num">{show(table.rowTotals[i])}</td>}
                  </tr>
                ))}
              </tbody>
              {totals !== undefined && (
                <tfoot>
                  <tr>
                    <th scope="row">{m.evaluator.total}</th>
                    {totals.map((t, j) => (
                      <td className="num" key={j}>
                        {show(t)}
                      </td>
                    ))}
                    {table.rowTotals !== undefined && <td className="num">{show(table.grandTotal)}</td>}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
          {chartRow !== undefined && (
            <BarChart
              title={title}
              bars={table.columnLabels.map((c, j) => ({ label: label(c), value: chartRow[j] ?? null }))}
            />
          )}
        </>
      )}
    </section>
  );
}

function FiltersForm({ applied, onApply }: { applied: Filters; onApply: (filters: Filters) => void }) {
  const m = useMessages();
  const [draft, setDraft] = useState(applied);
  const sites = useApiQuery(['/api/sites/names'], () => unwrap(api.GET('/api/sites/names')));
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form className="card filters" aria-label={m.evaluator.filtersForm} onSubmit={submit}>
      <SelectField
        label={m.evaluator.site}
        value={draft.siteId}
        options={[
          { value: '', label: m.evaluator.everySite },
          ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name })),
        ]}
        onChange={(siteId) => setDraft({ ...draft, siteId })}
      />
      <div className="months">
        <MonthField
          label={m.evaluator.from}
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <MonthField label={m.evaluator.to} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
      </div>
      <p className="hint">{m.evaluator.monthHint}</p>
      <button type="submit" className="primary">
        {m.evaluator.apply}
      </button>
    </form>
  );
}

function MonthField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = `month-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="month"
        value={value}
        pattern="\d{4}-\d{2}"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function OutcomeChange({ filters }: { filters: Filters }) {
  const m = useMessages();
  const outcome = useApiQuery(['/api/reports/outcome-change', filters], () =>
    unwrap(api.GET('/api/reports/outcome-change', { params: { query: queryOf(filters) } })),
  );
  return (
    <section className="card report" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{m.evaluator.outcomeHeading}</h2>
      <p>{m.evaluator.outcomeIntro}</p>
      <Loader loaded={outcome}>
        {(o) =>
          o.rows.length === 0 ? (
            <p>{m.evaluator.noOutcomes}</p>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="group" aria-label={m.evaluator.outcomeTable}>
                <table>
                  <caption>{m.evaluator.outcomeTable}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.evaluator.measure}</th>
                      <th scope="col">{m.evaluator.comparison}</th>
                      <th scope="col" className="num">
                        {m.evaluator.families}
                      </th>
                      <th scope="col" className="num">
                        {m.evaluator.meanChange}
                      </th>
                      <th scope="col" className="num">
                        {m.evaluator.ci}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.rows.map((r) => (
                      <tr key={`${r.instrument}-${r.to}`}>
                        <th scope="row">{r.label}</th>
                        <td>{r.to === 'exit' ? m.evaluator.toExit : m.evaluator.toFollowUp}</td>
                        <td className="num">{String(r.n)}</td>
                        <td className="num">{r.meanChange ?? '—'}</td>
                        <td className="num">
                          {r.ciLow === null || r.ciHigh === null ? '—' : `${r.ciLow} to ${r.ciHigh}`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <OutcomeChart
                title={m.evaluator.outcomeChart}
                points={o.rows.map((r) => ({
                  label: `${r.instrument}, ${r.to === 'exit' ? m.evaluator.toExit : m.evaluator.toFollowUp}`,
                  n: r.n,
                  mean: r.meanChange,
                  low: r.ciLow,
                  high: r.ciHigh,
                }))}
              />
            </>
          )
        }
      </Loader>
    </section>
  );
}

type CalibrationRow = Schemas['CalibrationRowView'];

/** "n.p." stays as it is; a number with its share of `of` when both are numbers. */
function share(count: Cell, of: Cell): string | null {
  if (typeof count !== 'number' || typeof of !== 'number' || of === 0) return null;
  return `${Math.round((count / of) * 100)}%`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0';
}

function goalChange(row: CalibrationRow): string {
  const g = row.goalAttainmentChange;
  if (g.meanChange === null) return '—';
  const ci = g.ciLow === null || g.ciHigh === null ? '' : ` (${signed(g.ciLow)} to ${signed(g.ciHigh)})`;
  return `${signed(g.meanChange)}${ci}`;
}

function CalibrationTableRow({ row }: { row: CalibrationRow }) {
  const m = useMessages();
  return (
    <tr>
      <th scope="row">{row.band === 'all' ? m.evaluator.allBands : row.label}</th>
      <td className="num">{show(row.ended)}</td>
      <td className="num">
        {m.evaluator.completedShare(show(row.completed), share(row.completed, row.ended))}
      </td>
      {row.endedEarly.map((e) => (
        <td className="num" key={e.reason}>
          {show(e.count)}
        </td>
      ))}
      <td className="num">{show(row.goalAttainmentChange.n)}</td>
      <td className="num">{goalChange(row)}</td>
    </tr>
  );
}

/** The matching calibration report (issue 16): fit at the choice against how link-ups ended. */
function MatchingCalibration({ filters }: { filters: Filters }) {
  const m = useMessages();
  const label = useLabel();
  const report = useApiQuery(['/api/reports/matching-calibration', filters], () =>
    unwrap(api.GET('/api/reports/matching-calibration', { params: { query: queryOf(filters) } })),
  );
  return (
    <section className="card report" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">{m.evaluator.calibrationHeading}</h2>
      <p>{m.evaluator.calibrationIntro}</p>
      <Loader loaded={report}>
        {(r) =>
          r.allBands.ended === 0 ? (
            <p>{m.evaluator.noCalibration}</p>
          ) : (
            <>
              <h3 id="calibration-table">{m.evaluator.calibrationTable}</h3>
              <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="calibration-table">
                <table aria-labelledby="calibration-table">
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={2}>
                        {m.evaluator.fitWhenChosen}
                      </th>
                      <th scope="col" rowSpan={2} className="num">
                        {m.evaluator.ended}
                      </th>
                      <th scope="col" rowSpan={2} className="num">
                        {label('completed')}
                      </th>
                      <th scope="colgroup" colSpan={r.allBands.endedEarly.length} className="group">
                        {m.evaluator.endedEarlyByReason}
                      </th>
                      <th scope="col" rowSpan={2} className="num">
                        {m.evaluator.withGoalChange}
                      </th>
                      <th scope="col" rowSpan={2} className="num">
                        {m.evaluator.meanGoalChange}
                      </th>
                    </tr>
                    <tr>
                      {r.allBands.endedEarly.map((e) => (
                        <th scope="col" className="num" key={e.reason}>
                          {capitalised(label(e.reason))}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {r.bands.map((row) => (
                      <CalibrationTableRow key={row.band} row={row} />
                    ))}
                  </tbody>
                  <tfoot>
                    <CalibrationTableRow row={r.allBands} />
                  </tfoot>
                </table>
              </div>
              <p className="hint">{m.evaluator.goalChangeHint}</p>
              <p className="hint">{m.evaluator.suppression(r.suppressionThreshold - 1)}</p>
            </>
          )
        }
      </Loader>
    </section>
  );
}

function DataDictionary({ dictionary }: { dictionary: Dictionary }) {
  const m = useMessages();
  return (
    <section aria-labelledby="dictionary-heading">
      <h2 id="dictionary-heading">{m.evaluator.dictionaryHeading}</h2>
      <nav aria-label={m.evaluator.dictionaryFiles}>
        <ul className="inline-links">
          {dictionary.files.map((f) => (
            <li key={f.file}>
              <a href={`#dict-${f.file.replace(/\W+/g, '-')}`}>{f.file}</a>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="conventions">
        {Object.entries(dictionary.conventions).map(([key, text]) => (
          <div key={key}>
            <dt>{words(key)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      {(dictionary.reports ?? []).map((r) => (
        <div key={r.report}>
          <h3>{m.evaluator.dictionaryReport(r.route)}</h3>
          <p>{r.description}</p>
          <dl className="conventions">
            {r.terms.map((term) => (
              <div key={term.name}>
                <dt>{term.label}</dt>
                <dd>{term.description}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {dictionary.files.map((f) => (
        <div
          className="table-wrap"
          tabIndex={0}
          role="group"
          aria-label={f.file}
          key={f.file}
          id={`dict-${f.file.replace(/\W+/g, '-')}`}
        >
          <table>
            <caption>{m.evaluator.dictionaryCaption(f.file, f.rowIs, f.description)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.evaluator.column}</th>
                <th scope="col">{m.evaluator.type}</th>
                <th scope="col">{m.evaluator.meaning}</th>
              </tr>
            </thead>
            <tbody>
              {f.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>{c.type}</td>
                  <td>
                    {c.description}
                    {c.allowedValues !== null && m.evaluator.values(c.allowedValues.join(', '))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export function EvaluatorPage() {
  const m = useMessages();
  usePageTitle(m.titles.evaluator);
  useEffect(() => {
    document.body.classList.add('wide');
    return () => document.body.classList.remove('wide');
  }, []);
  const [filters, setFilters] = useState<Filters>({ siteId: '', from: '', to: '' });
  const summary = useApiQuery(['/api/reports/summary', filters], async () => {
    const answer = await unwrap(api.GET('/api/reports/summary', { params: { query: queryOf(filters) } }));
    return answer as unknown as Summary;
  });
  const sites = useApiQuery(['/api/sites/names'], () => unwrap(api.GET('/api/sites/names')));
  const [dictionary, setDictionary] = useState<Dictionary | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const siteName =
    filters.siteId === ''
      ? m.evaluator.everySite
      : (sites.data?.find((s) => s.id === filters.siteId)?.name ?? filters.siteId);
  return (
    <div className="evaluator">
      <h1>{m.evaluator.heading}</h1>
      <h2>{m.evaluator.filtersHeading}</h2>
      <FiltersForm applied={filters} onApply={setFilters} />
      <p role="status">
        {m.evaluator.showing(
          siteName,
          filters.from === '' ? m.evaluator.beginning : filters.from,
          filters.to === '' ? m.evaluator.now : filters.to,
        )}
      </p>

      <h2>{m.evaluator.downloadsHeading}</h2>
      <p>{m.evaluator.downloadsIntro}</p>
      <div className="card">
        {EXPORTS.map((e) => (
          <ActionButton
            key={e.file}
            action={async () => {
              await downloadFile(withQuery(e.path, filters), e.file);
              setDownloaded(e.file);
            }}
          >
            {m.evaluator.download(e.label)}
          </ActionButton>
        ))}
        <ActionButton
          action={async () => {
            await downloadFile('/api/exports/data-dictionary.json', 'data-dictionary.json');
            setDownloaded('data-dictionary.json');
          }}
        >
          {m.evaluator.download('Data dictionary (JSON)')}
        </ActionButton>
        <p role="status">{downloaded === null ? '' : m.evaluator.downloaded(downloaded)}</p>
        <ActionButton
          action={async () =>
            setDictionary(
              (await unwrap(api.GET('/api/exports/data-dictionary.json'))) as unknown as Dictionary,
            )
          }
        >
          {m.evaluator.showDictionary}
        </ActionButton>
      </div>
      {dictionary !== null && <DataDictionary dictionary={dictionary} />}

      <OutcomeChange filters={filters} />

      <MatchingCalibration filters={filters} />

      <h2>{m.evaluator.summaryHeading}</h2>
      <Loader loaded={summary}>
        {(s) => (
          <>
            <p>{m.evaluator.suppression(s.suppressionThreshold - 1)}</p>
            {Object.entries(s.tables).map(([key, table]) => (
              <ReportTable
                key={key}
                id={`table-${key}`}
                title={m.evaluator.tables[key] ?? words(key)}
                table={table}
                rowHeader={
                  key === 'feedbackRatings'
                    ? m.evaluator.questionAndViewpoint
                    : m.evaluator.site_or_theme(key === 'goalsByThemeAndAttainment')
                }
              />
            ))}
            <ReportTable
              id="table-median"
              title={m.evaluator.tables.medianWeeksPerStage}
              table={s.medianWeeksPerStage}
              rowHeader={m.evaluator.site}
            />
            <h3>{m.evaluator.notes}</h3>
            <ul>
              {s.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </>
        )}
      </Loader>
    </div>
  );
}
