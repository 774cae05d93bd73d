import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { useApiQuery } from '../../shared/query';
import { useUser } from '../../shared/session';
import { formatDate, Loader, SelectField, type Loaded } from '../../shared/ui';

type Row = Schemas['FamilyListItemView'];
type Sort = 'name' | 'waiting' | 'status' | 'updated';
type Order = 'asc' | 'desc';

const PAGE_SIZE = 25;
const SORTS: readonly Sort[] = ['name', 'waiting', 'status', 'updated'];
const SEEKING_STATUSES = [
  'referred',
  'intake',
  'choosing',
  'waitlisted',
  'linked',
  'completed',
  'withdrawn',
] as const;
const SHARING_STATUSES = ['enquiry', 'in_training', 'approved', 'on_hold', 'exited'] as const;
type Status = (typeof SEEKING_STATUSES)[number] | (typeof SHARING_STATUSES)[number];
const WAITING_WEEKS = ['2', '4', '8', '12'] as const;
/** The order a column starts in when first chosen: the longest wait and the latest change first. */
const FIRST_ORDER: Record<Sort, Order> = { name: 'asc', waiting: 'desc', status: 'asc', updated: 'desc' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Cards below this width, a table above it. */
const WIDE = '(min-width: 48rem)';

interface ListState {
  readonly q: string;
  readonly kind: 'seeking' | 'sharing' | '';
  readonly status: Status | '';
  readonly coach: string;
  readonly waiting: string;
  readonly sort: Sort;
  readonly order: Order;
  readonly page: number;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';

/**
 * The list's state lives in the address (`?q=…&kind=…&sort=…&page=…`), so a link, a reload or the back
 * button from a family shows the same list. A hand-edited address with a value the API would refuse
 * is read as "no filter", never sent.
 */
function useListState(): [
  ListState,
  (changes: Partial<Record<keyof ListState, string>>, push?: boolean) => void,
] {
  const [params, setParams] = useSearchParams();
  const sort = pick(params.get('sort'), SORTS);
  const state: ListState = {
    q: (params.get('q') ?? '').slice(0, 80),
    kind: pick(params.get('kind'), ['seeking', 'sharing'] as const),
    status: pick(params.get('status'), [...SEEKING_STATUSES, ...SHARING_STATUSES]),
    coach: UUID.test(params.get('coach') ?? '') ? (params.get('coach') as string) : '',
    waiting: pick(params.get('waiting'), WAITING_WEEKS),
    sort: sort === '' ? 'name' : sort,
    order:
      params.get('order') === 'desc'
        ? 'desc'
        : params.get('order') === 'asc'
          ? 'asc'
          : FIRST_ORDER[sort === '' ? 'name' : sort],
    page: Math.max(1, Math.min(40_000, Number.parseInt(params.get('page') ?? '1', 10) || 1)),
  };
  function update(changes: Partial<Record<keyof ListState, string>>, push = false): void {
    // From the address as it is now, not as it was when this render ran: a search box's timer set
    // off before a filter changed must not put the old filter back.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === undefined) next.delete(key);
      else next.set(key, value);
    }
    // A new search, filter or order starts at the first page.
    if (!('page' in changes)) next.delete('page');
    if (next.get('page') === '1') next.delete('page');
    if (next.toString() !== new URLSearchParams(window.location.search).toString()) {
      setParams(next, { replace: !push });
    }
  }
  return [state, update];
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

/** Families in the caller's scope: searched as one types, filtered, sorted and paged by the API. */
export function FamilyList() {
  const m = useMessages();
  const user = useUser();
  const [state, update] = useListState();
  const wide = useWide();

  // The box shows what is typed; the address (and so the request) follows 300 ms after the last key.
  const [text, setText] = useState(state.q);
  useEffect(() => {
    if (text.trim() === state.q) return;
    const timer = window.setTimeout(() => update({ q: text.trim() }), 300);
    return () => window.clearTimeout(timer);
    // Only a new keystroke restarts the wait.
  }, [text]);
  // Back and forward change the address: the box follows it.
  useEffect(() => {
    setText((typed) => (typed.trim() === state.q ? typed : state.q));
  }, [state.q]);

  const query = {
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
    sort: state.sort,
    order: state.order,
    ...(state.q === '' ? {} : { q: state.q }),
    ...(state.kind === '' ? {} : { kind: state.kind }),
    ...(state.status === '' ? {} : { status: state.status }),
    ...(state.coach === '' ? {} : { coachId: state.coach }),
    ...(state.waiting === '' ? {} : { waitingMinWeeks: Number(state.waiting) }),
  };
  const result = useQuery({
    queryKey: ['/api/families', query],
    queryFn: () => unwrap(api.GET('/api/families', { params: { query } })),
    // While the next page or search loads, the rows on screen stay (no flash of "Loading").
    placeholderData: keepPreviousData,
  });
  // A page past the end (an old link, a shorter list after a change): show the last one.
  const lastPage = result.data === undefined ? null : Math.max(1, Math.ceil(result.data.total / PAGE_SIZE));
  useEffect(() => {
    if (lastPage !== null && state.page > lastPage) update({ page: String(lastPage) });
    // Only a new total or page matters here.
  }, [lastPage, state.page]);
  const loaded: Loaded<Schemas['FamilyPageView']> = {
    data: result.data,
    error: result.error ?? undefined,
    loading: result.isPending,
    reload: () => void result.refetch(),
  };

  const staffCoaches = useApiQuery(
    ['/api/users', 'coaches'],
    () => unwrap(api.GET('/api/users', { params: { query: { role: 'coach', active: true, limit: 200 } } })),
    user.role !== 'coach',
  );
  const coachOptions = [
    { value: '', label: m.families.anyCoach },
    ...(user.role === 'coach'
      ? [{ value: user.id, label: m.families.mine }]
      : [...(staffCoaches.data?.items ?? [])]
          .sort((a, b) => a.displayName.localeCompare(b.displayName))
          .map((c) => ({ value: c.id, label: c.displayName }))),
  ];
  const statuses: readonly Status[] =
    state.kind === 'seeking' ? SEEKING_STATUSES : state.kind === 'sharing' ? SHARING_STATUSES : [];
  const filtered =
    state.q !== '' || state.kind !== '' || state.status !== '' || state.coach !== '' || state.waiting !== '';

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: text.trim() });
  }
  function sortBy(sort: Sort) {
    update({
      sort,
      order: sort === state.sort ? (state.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort],
    });
  }

  const active = [state.kind, state.status, state.coach, state.waiting].filter((v) => v !== '').length;
  const filters = (
    <div className="filter-row">
      <SelectField
        label={m.families.kind}
        value={state.kind}
        options={[
          { value: '', label: m.families.anyKind },
          { value: 'seeking', label: m.families.seeking },
          { value: 'sharing', label: m.families.sharing },
        ]}
        onChange={(kind) =>
          update({
            kind,
            // A status of the other kind would match nothing.
            status:
              kind === '' ||
              (kind === 'seeking' ? SEEKING_STATUSES : SHARING_STATUSES).includes(state.status as never)
                ? state.status
                : '',
          })
        }
      />
      <StatusSelect value={state.status} only={statuses} onChange={(status) => update({ status })} />
      <SelectField
        label={m.families.coach}
        value={state.coach}
        options={coachOptions}
        onChange={(coach) => update({ coach })}
      />
      <SelectField
        label={m.families.waiting}
        value={state.waiting}
        options={[
          { value: '', label: m.families.anyWaiting },
          ...WAITING_WEEKS.map((w) => ({ value: w, label: m.families.waitingAtLeast(Number(w)) })),
        ]}
        onChange={(waiting) => update({ waiting })}
      />
      {!wide && (
        <SelectField
          label={m.families.sortBy}
          value={`${state.sort}-${state.order}`}
          options={Object.entries(m.families.sorts).map(([value, label]) => ({ value, label }))}
          onChange={(value) => {
            const [sort, order] = value.split('-');
            update({ sort, order });
          }}
        />
      )}
    </div>
  );

  return (
    <>
      <form role="search" aria-label={m.families.find} className="card list-filters" onSubmit={submit}>
        <SearchBox value={text} onChange={setText} />
        {wide ? (
          filters
        ) : (
          <details className="folded filters-fold">
            <summary>{m.families.filtersAndOrder(active)}</summary>
            {filters}
          </details>
        )}
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setText('');
              update({ q: '', kind: '', status: '', coach: '', waiting: '' });
            }}
          >
            {m.families.clear}
          </button>
        )}
      </form>
      <Loader loaded={loaded} what={m.app.loading}>
        {(page) => {
          const from = page.total === 0 ? 0 : page.offset + 1;
          const to = page.offset + page.items.length;
          return (
            <>
              <p className="status-line" role="status" aria-live="polite">
                {page.total === 0
                  ? filtered
                    ? m.families.noMatch
                    : m.families.noneYet
                  : page.total <= PAGE_SIZE
                    ? m.families.found(page.total)
                    : m.families.showing(from, to, page.total)}
              </p>
              {page.items.length > 0 &&
                (wide ? (
                  <FamilyTable rows={page.items} state={state} sortBy={sortBy} />
                ) : (
                  <FamilyCards rows={page.items} />
                ))}
              <Pager total={page.total} page={state.page} go={(n) => update({ page: String(n) }, true)} />
            </>
          );
        }}
      </Loader>
    </>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const m = useMessages();
  const id = useId();
  return (
    <div className="field search-field">
      <label htmlFor={id}>{m.families.search}</label>
      <p className="hint" id={`${id}-hint`}>
        {m.families.searchHint}
      </p>
      <div className="search-row">
        <input
          id={id}
          type="search"
          value={value}
          maxLength={80}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.value)}
        />
        <button type="submit">{m.families.searchNow}</button>
      </div>
    </div>
  );
}

function StatusSelect(props: { value: string; only: readonly Status[]; onChange: (value: string) => void }) {
  const m = useMessages();
  const id = useId();
  const label = (s: Status) => m.words.familyStatus[s] ?? s;
  return (
    <div className="field">
      <label htmlFor={id}>{m.families.status}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{m.families.anyStatus}</option>
        {props.only.length > 0 ? (
          props.only.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))
        ) : (
          <>
            <optgroup label={m.families.seekingStatuses}>
              {SEEKING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </optgroup>
            <optgroup label={m.families.sharingStatuses}>
              {SHARING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </optgroup>
          </>
        )}
      </select>
    </div>
  );
}

function FamilyTable({
  rows,
  state,
  sortBy,
}: {
  rows: readonly Row[];
  state: ListState;
  sortBy: (s: Sort) => void;
}) {
  const m = useMessages();
  const header = (label: string, sort?: Sort) => {
    if (sort === undefined) return <th scope="col">{label}</th>;
    const active = state.sort === sort;
    return (
      <th scope="col" aria-sort={active ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" onClick={() => sortBy(sort)}>
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (state.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="table-wrap">
      <table className="family-table">
        <caption className="visually-hidden">{m.families.caption}</caption>
        <thead>
          <tr>
            {header(m.families.family, 'name')}
            {header(m.families.kind)}
            {header(m.families.status, 'status')}
            {header(m.families.suburb)}
            {header(m.families.coach)}
            {header(m.families.weeksWaiting, 'waiting')}
            {header(m.families.changed, 'updated')}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`/coach/families/${f.id}`}>{f.displayName}</Link>
              </td>
              <td>{f.kind === 'seeking' ? m.families.seeking : m.families.sharing}</td>
              <td>{m.words.familyStatus[f.status] ?? f.status}</td>
              <td>{f.suburb ?? '—'}</td>
              <td>{f.coachName ?? m.families.noCoach}</td>
              <td className="num">
                {f.weeksWaiting === null ? m.families.notWaiting : m.families.weeks(f.weeksWaiting)}
              </td>
              <td>{formatDate(f.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FamilyCards({ rows }: { rows: readonly Row[] }) {
  const m = useMessages();
  return (
    <ul className="plain rows" aria-label={m.families.caption}>
      {rows.map((f) => (
        <li key={f.id} className="row">
          <div className="row-main">
            <Link to={`/coach/families/${f.id}`} className="row-title">
              {f.displayName}
            </Link>
            <span className="meta">
              {[
                f.kind === 'seeking' ? m.families.seeking : m.families.sharing,
                m.words.familyStatus[f.status] ?? f.status,
                f.weeksWaiting === null ? null : m.families.waitingFor(f.weeksWaiting),
              ]
                .filter((x) => x !== null)
                .join(' · ')}
            </span>
            <span className="meta">
              {[f.suburb, m.families.coachIs(f.coachName ?? m.families.noCoach)]
                .filter((x) => x !== null)
                .join(' · ')}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Pager({ total, page, go }: { total: number; page: number; go: (page: number) => void }) {
  const m = useMessages();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1 && page === 1) return null;
  return (
    <nav aria-label={m.families.pages} className="pager">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {m.families.previous}
      </button>
      <span>{m.families.pageOf(Math.min(page, pages), pages)}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {m.families.next}
      </button>
    </nav>
  );
}
