import { useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { ActionButton, Loader, useLoad, words } from '../../shared/ui';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Cell = number | string | null;

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
}

const TABLE_TITLES: Record<string, string> = {
  seekingFamiliesByStatus: 'Seeking families by status',
  sharingFamiliesByStatus: 'Sharing families by status',
  linkUpsByStageAndOutcome: 'Link-ups by stage and outcome',
  checkInsHeldVersusDue: 'Check-ins held versus due',
  goalsByThemeAndAttainment: 'Goals by theme and latest attainment rating',
};

const EXPORTS = [
  { path: '/api/exports/link-ups.csv', file: 'link-ups.csv', label: 'Link-ups (CSV)' },
  { path: '/api/exports/goals.csv', file: 'goals.csv', label: 'Goals (CSV)' },
  {
    path: '/api/exports/outcome-measures.csv',
    file: 'outcome-measures.csv',
    label: 'Outcome measures (CSV)',
  },
  {
    path: '/api/exports/data-dictionary.json',
    file: 'data-dictionary.json',
    label: 'Data dictionary (JSON)',
  },
];

/** A suppressed count shows as “n.p.” (not published); an empty one as a dash. */
function show(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '—';
  return typeof cell === 'number' ? String(cell) : cell;
}

function Table({ title, table }: { title: string; table: CountTable }) {
  const totals = table.columnTotals;
  const numeric = (totals ?? []).map((c) => (typeof c === 'number' ? c : 0));
  const max = Math.max(1, ...numeric);
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {table.rowLabels.length === 0 ? (
        <p>No data yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <span className="hint">Row</span>
                </th>
                {table.columnLabels.map((c) => (
                  <th scope="col" className="num" key={c}>
                    {words(c)}
                  </th>
                ))}
                {table.rowTotals !== undefined && (
                  <th scope="col" className="num">
                    Total
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {table.rowLabels.map((r, i) => (
                <tr key={r}>
                  <th scope="row">{words(r)}</th>
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
                  <th scope="row">Total</th>
                  {totals.map((t, j) => (
                    <td className="num" key={j}>
                      {show(t)}
                    </td>
                  ))}
                  <td className="num">{show(table.grandTotal)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {totals !== undefined && table.rowLabels.length > 0 && (
        <figure aria-label={`${title}: totals as bars`}>
          <ul className="plain">
            {table.columnLabels.map((c, j) => (
              <li key={c}>
                <span className="bar" style={{ width: `${(numeric[j] / max) * 60}%` }} aria-hidden="true" />
                {words(c)}: {show(totals[j])}
              </li>
            ))}
          </ul>
        </figure>
      )}
    </section>
  );
}

export function EvaluatorPage() {
  usePageTitle(messages.titles.evaluator);
  const summary = useLoad(
    async () => (await unwrap(api.GET('/api/reports/summary'))) as unknown as Summary,
    [],
  );
  const [dictionary, setDictionary] = useState<Dictionary | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  return (
    <>
      <h1>Reports and exports</h1>
      <h2>Downloads</h2>
      <p>
        De-identified: pseudonymous ids, no names, contacts or free text, only families who agreed to
        evaluation use. Every download is logged.
      </p>
      <div className="card">
        {EXPORTS.map((e) => (
          <ActionButton
            key={e.file}
            action={async () => {
              await downloadFile(e.path, e.file);
              setDownloaded(e.file);
            }}
          >
            Download {e.label}
          </ActionButton>
        ))}
        {downloaded !== null && (
          <p role="status">
            Downloaded <strong>{downloaded}</strong>.
          </p>
        )}
        <ActionButton
          action={async () =>
            setDictionary(
              (await unwrap(api.GET('/api/exports/data-dictionary.json'))) as unknown as Dictionary,
            )
          }
        >
          Show the data dictionary
        </ActionButton>
      </div>
      {dictionary !== null && (
        <section aria-label="Data dictionary">
          <h2>Data dictionary</h2>
          {dictionary.files.map((f) => (
            <div className="table-wrap" tabIndex={0} key={f.file}>
              <table>
                <caption>
                  {f.file}: one row is {f.rowIs}. {f.description}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Type</th>
                    <th scope="col">Meaning</th>
                  </tr>
                </thead>
                <tbody>
                  {f.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">{c.name}</th>
                      <td>{c.type}</td>
                      <td>
                        {c.description}
                        {c.allowedValues !== null && <> Values: {c.allowedValues.join(', ')}.</>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
      <h2>Summary report</h2>
      <Loader loaded={summary} what="Loading the report">
        {(s) => (
          <>
            <p>
              Counts from 1 to {s.suppressionThreshold - 1} show as <strong>n.p.</strong> (not published),
              with further cells withheld so none can be worked out from the totals.
            </p>
            <div className="grid">
              {Object.entries(s.tables).map(([key, table]) => (
                <Table key={key} title={TABLE_TITLES[key] ?? words(key)} table={table} />
              ))}
              <Table title="Median active weeks per stage" table={s.medianWeeksPerStage} />
            </div>
            <ul>
              {s.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </>
        )}
      </Loader>
    </>
  );
}
