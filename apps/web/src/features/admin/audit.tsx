import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { useApiQuery } from '../../shared/query';
import { useUser } from '../../shared/session';
import {
  currentTimeZone,
  formatTimestamp,
  nextDate,
  setTimeZone,
  startOfDayIn,
  timeZoneName,
} from '../../shared/time';
import { Field, Loader, SelectField, type Loaded, type Option } from '../../shared/ui';

type Line = Schemas['AuditEventView'];
type Page = Schemas['AuditPageView'];
type Account = Schemas['UserView'];

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z_]*$/;
const ACTION = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;
/** Cards below this width, a table above it. */
const WIDE = '(min-width: 48rem)';

/** The records that have a page of their own: a line about one links to it. */
const PAGES: Record<string, (id: string) => string> = {
  family: (id) => `/coach/families/${id}`,
  link_up: (id) => `/link-ups/${id}`,
  check_in: (id) => `/check-ins/${id}`,
  safeguarding_concern: (id) => `/safeguarding-concerns/${id}`,
  match_proposal: (id) => `/coach/proposals/${id}`,
};

interface Filters {
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly record: string;
  readonly from: string;
  readonly until: string;
  readonly page: number;
}

/**
 * The filters live in the address, so a link or the back button shows the same lines. A value the
 * API would refuse (a hand-edited address) is read as "no filter" and never sent: the page cannot
 * get VALIDATION_FAILED from its own filters. What it can still receive (AUTH.UNAUTHENTICATED,
 * ACCESS.FORBIDDEN, RATE_LIMITED, INTERNAL_ERROR, UNAVAILABLE, a network failure) each has its
 * sentence in `messages.errors`.
 */
function useFilters(): [Filters, (changes: Partial<Record<keyof Filters, string>>, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const read = (name: string, shape: RegExp) => {
    const value = params.get(name) ?? '';
    return shape.test(value) ? value : '';
  };
  const filters: Filters = {
    actor: read('actor', UUID),
    action: read('action', ACTION),
    kind: read('kind', KEY),
    record: read('kind', KEY) === '' ? '' : (params.get('record') ?? '').slice(0, 64),
    from: read('from', DATE),
    until: read('until', DATE),
    page: Math.max(1, Math.min(20_000, Number.parseInt(params.get('page') ?? '1', 10) || 1)),
  };
  function update(changes: Partial<Record<keyof Filters, string>>, push = false): void {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === undefined) next.delete(key);
      else next.set(key, value);
    }
    // Another kind of record cannot be the same record.
    if ('kind' in changes && !('record' in changes)) next.delete('record');
    if (!('page' in changes) || next.get('page') === '1') next.delete('page');
    setParams(next, { replace: !push });
  }
  return [filters, update];
}

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const changed = () => setWide(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return wide;
}

/** The first 8 characters of an id: enough to tell records apart on one screen, never a name. */
const short = (id: string) => id.slice(0, 8);

/** The admin's audit trail: who did what, when, to which record, filtered and paged by the API. */
export function AuditPage() {
  const all = useMessages();
  const m = all.audit;
  usePageTitle(all.titles.audit);
  const me = useUser();
  const [filters, update] = useFilters();
  const wide = useWide();

  // Times read in the admin's own site's zone (the default zone for an admin without a site).
  const sites = useApiQuery(['/api/sites'], () => unwrap(api.GET('/api/sites')));
  const zone = sites.data?.find((s) => s.id === me.siteId)?.timeZone;
  setTimeZone(zone);
  const zoneName = timeZoneName();

  // Accounts, to say who acted by name (the users API already shows them to an admin).
  const accounts = useApiQuery(['/api/users', 'audit'], () =>
    unwrap(api.GET('/api/users', { params: { query: { limit: 200 } } })).then((page) => page.items),
  );
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));

  const query = {
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
    ...(filters.actor === '' ? {} : { actorId: filters.actor }),
    ...(filters.action === '' ? {} : { action: filters.action }),
    ...(filters.kind === '' ? {} : { entityType: filters.kind }),
    ...(filters.record === '' ? {} : { entityId: filters.record }),
    ...(filters.from === '' ? {} : { from: startOfDayIn(filters.from, currentTimeZone()) }),
    ...(filters.until === '' ? {} : { to: startOfDayIn(nextDate(filters.until), currentTimeZone()) }),
  };
  // The lines wait for the zone, so a date filter is read in the right one; the last page stays on
  // screen while the next loads.
  const q = useQuery({
    queryKey: ['/api/audit', query],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query } })),
    enabled: sites.data !== undefined || sites.error !== undefined,
    placeholderData: keepPreviousData,
  });
  const lines: Loaded<Page> = {
    data: q.data,
    error: q.error ?? undefined,
    loading: q.isPending,
    reload: () => void q.refetch(),
  };

  const actorOptions: Option[] = [
    { value: '', label: m.anyone },
    ...[...(accounts.data ?? [])]
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((a) => ({ value: a.id, label: `${a.displayName} (${m.roles[a.role] ?? a.role})` })),
  ];
  const actionOptions: Option[] = [
    { value: '', label: m.anything },
    ...Object.entries(m.actions)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
  const kindOptions: Option[] = [
    { value: '', label: m.anyKind },
    ...Object.entries(m.kinds)
      .map(([value, label]) => ({ value, label: label[0]?.toUpperCase() + label.slice(1) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
  const active = [filters.actor, filters.action, filters.kind, filters.from, filters.until].filter(
    (v) => v !== '',
  ).length;

  const fields = (
    <div className="filter-row">
      <SelectField
        label={m.who}
        value={filters.actor}
        options={actorOptions}
        onChange={(actor) => update({ actor })}
      />
      <SelectField
        label={m.what}
        value={filters.action}
        options={actionOptions}
        onChange={(action) => update({ action })}
      />
      <SelectField
        label={m.kind}
        value={filters.kind}
        options={kindOptions}
        onChange={(kind) => update({ kind })}
      />
      <Field
        label={m.from}
        hint={m.datesHint(zoneName)}
        type="date"
        max={filters.until === '' ? undefined : filters.until}
        value={filters.from}
        onChange={(from) => update({ from: DATE.test(from) ? from : '' })}
      />
      <Field
        label={m.until}
        hint={m.datesHint(zoneName)}
        type="date"
        min={filters.from === '' ? undefined : filters.from}
        value={filters.until}
        onChange={(until) => update({ until: DATE.test(until) ? until : '' })}
      />
    </div>
  );

  return (
    <>
      <h1>{m.heading}</h1>
      <p>{m.intro}</p>
      <form
        role="search"
        aria-label={m.filters}
        className="card list-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        {wide ? (
          fields
        ) : (
          <details className="folded filters-fold" open={active > 0 ? true : undefined}>
            <summary>{m.filtersFolded(active)}</summary>
            {fields}
          </details>
        )}
        {filters.record !== '' && (
          <p className="record-filter">
            {m.linesFor(m.kinds[filters.kind] ?? filters.kind, short(filters.record))}{' '}
            <button type="button" className="link-button" onClick={() => update({ record: '' })}>
              {m.allRecords}
            </button>
          </p>
        )}
        {(active > 0 || filters.record !== '') && (
          <button
            type="button"
            className="link-button"
            onClick={() => update({ actor: '', action: '', kind: '', record: '', from: '', until: '' })}
          >
            {m.clear}
          </button>
        )}
      </form>
      <Loader loaded={lines} what={all.app.loading}>
        {(page) => {
          const from = page.total === 0 ? 0 : page.offset + 1;
          const to = page.offset + page.items.length;
          const rows = page.items.map((line) => describe(line, byId, all.audit));
          return (
            <>
              <p className="status-line" role="status" aria-live="polite">
                {page.total === 0
                  ? m.none
                  : page.total <= PAGE_SIZE
                    ? m.found(page.total)
                    : m.showing(from, to, page.total)}
              </p>
              {rows.length > 0 &&
                (wide ? (
                  <AuditTable rows={rows} zoneName={zoneName} onlyRecord={update} />
                ) : (
                  <AuditCards rows={rows} zoneName={zoneName} onlyRecord={update} />
                ))}
              <Pager total={page.total} page={filters.page} go={(n) => update({ page: String(n) }, true)} />
            </>
          );
        }}
      </Loader>
    </>
  );
}

type Words = ReturnType<typeof useMessages>['audit'];

/** One line in words: when, who, what, which record (linked where it has a page), details. */
interface Described {
  readonly id: string;
  readonly when: string;
  readonly who: string;
  readonly what: string;
  readonly kind: string;
  readonly kindKey: string;
  readonly recordId: string | null;
  readonly href: string | null;
  readonly details: readonly [string, string][];
}

function describe(line: Line, accounts: ReadonlyMap<string, Account>, m: Words): Described {
  const account = line.actorId === null ? undefined : accounts.get(line.actorId);
  const role = line.actorRole === null ? '' : (m.roles[line.actorRole] ?? line.actorRole);
  const who =
    line.actorId === null
      ? line.action.startsWith('auth.')
        ? m.noOne
        : m.system
      : account !== undefined
        ? `${account.displayName} (${m.roles[account.role] ?? account.role})`
        : m.someone(role, short(line.actorId));
  const [entity = '', verb = ''] = line.action.split('.');
  const what =
    m.actions[line.action] ??
    m.otherAction(m.kinds[entity] ?? entity.replace(/_/g, ' '), verb.replace(/_/g, ' '));
  const page = PAGES[line.entityType];
  return {
    id: line.id,
    when: formatTimestamp(line.occurredAt),
    who,
    what,
    kind: m.kinds[line.entityType] ?? line.entityType.replace(/_/g, ' '),
    kindKey: line.entityType,
    recordId: line.entityId,
    href:
      page !== undefined && line.entityId !== null && UUID.test(line.entityId) ? page(line.entityId) : null,
    details: detailsOf(line.details, m),
  };
}

/** "sign Off" → "Sign off". */
function sentenceCase(words: string): string {
  const lower = words.toLowerCase();
  return `${lower[0]?.toUpperCase() ?? ''}${lower.slice(1)}`;
}

/** A key, field name or code in words: the catalogue's, or "displayName" / "not_a_good_fit" spelled out. */
function wordsFor(name: string, m: Words): string {
  return m.detailWords[name] ?? sentenceCase(name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' '));
}

/**
 * A detail's value in words: a record's id shortened (as in the Record column), a field name or code
 * spelled out, a flag as yes or no, a count as it is; anything else (not written today) as a dash.
 */
function wordOf(value: unknown, m: Words): string {
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '—';
  if (UUID.test(value)) return short(value);
  return /^[a-z][A-Za-z_]*$/.test(value) ? wordsFor(value, m) : value;
}

/** The line's details (codes, counts, field names, ids): keys and values in words. */
function detailsOf(details: Line['details'], m: Words): [string, string][] {
  if (details === null) return [];
  return Object.entries(details).map(([key, value]) => [
    wordsFor(key, m),
    Array.isArray(value) ? value.map((item) => wordOf(item, m)).join(', ') : wordOf(value, m),
  ]);
}

function RecordCell({
  row,
  onlyRecord,
}: {
  row: Described;
  onlyRecord: (changes: Partial<Record<keyof Filters, string>>, push?: boolean) => void;
}) {
  const m = useMessages().audit;
  if (row.recordId === null) return <>{row.kind}</>;
  const name = `${row.kind} ${short(row.recordId)}`;
  return (
    <>
      {row.href === null ? name : <Link to={row.href}>{name}</Link>}{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => onlyRecord({ kind: row.kindKey, record: row.recordId ?? '' }, true)}
      >
        {m.justThis}
        <span className="visually-hidden"> ({name})</span>
      </button>
    </>
  );
}

function Details({ details }: { details: Described['details'] }) {
  if (details.length === 0) return null;
  return (
    <dl className="audit-details">
      {details.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AuditTable({
  rows,
  zoneName,
  onlyRecord,
}: {
  rows: readonly Described[];
  zoneName: string;
  onlyRecord: (changes: Partial<Record<keyof Filters, string>>, push?: boolean) => void;
}) {
  const all = useMessages();
  const m = all.audit;
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">{m.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.when(zoneName)}</th>
            <th scope="col">{m.who}</th>
            <th scope="col">{m.what}</th>
            <th scope="col">{m.record}</th>
            <th scope="col">{m.more}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="nowrap">{row.when}</td>
              <td>{row.who}</td>
              <td>{row.what}</td>
              <td>
                <RecordCell row={row} onlyRecord={onlyRecord} />
              </td>
              <td>
                <Details details={row.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditCards({
  rows,
  zoneName,
  onlyRecord,
}: {
  rows: readonly Described[];
  zoneName: string;
  onlyRecord: (changes: Partial<Record<keyof Filters, string>>, push?: boolean) => void;
}) {
  const m = useMessages().audit;
  return (
    <ul className="plain rows" aria-label={m.caption}>
      {rows.map((row) => (
        <li key={row.id} className="row">
          <div className="row-main">
            <strong className="row-title">{row.what}</strong>
            <span className="meta">{row.who}</span>
            <span className="meta">
              {row.when} ({zoneName})
            </span>
            <span className="meta">
              <RecordCell row={row} onlyRecord={onlyRecord} />
            </span>
            <Details details={row.details} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function Pager({ total, page, go }: { total: number; page: number; go: (page: number) => void }) {
  const m = useMessages().audit;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1 && page === 1) return null;
  return (
    <nav aria-label={m.pages} className="pager">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {m.newer}
      </button>
      <span>{m.pageOf(Math.min(page, pages), pages)}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {m.older}
      </button>
    </nav>
  );
}
