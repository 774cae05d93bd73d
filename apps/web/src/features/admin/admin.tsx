import { api, unwrap, type Schemas } from '../../api/client';
import {
  ActionButton,
  ActionForm,
  Field,
  formatDate,
  Loader,
  SelectField,
  useDraft,
  useLoad,
} from '../../shared/ui';
import { loadSettings } from '../../shared/vocabularies';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';

type Role = Schemas['CreateUserDto']['role'];

export function AdminPage() {
  usePageTitle(messages.titles.admin);
  const sites = useLoad(() => unwrap(api.GET('/api/sites')), []);
  const users = useLoad(() => unwrap(api.GET('/api/users', { params: { query: { limit: 100 } } })), []);
  const settings = useLoad(loadSettings, []);
  const [site, setSite, clearSite] = useDraft('new-site', { name: '', timeZone: 'Australia/Adelaide' });
  // The first password is never written to sessionStorage with the rest of the draft.
  const [user, setUser, clearUser] = useDraft<{
    email: string;
    displayName: string;
    role: Role;
    password: string;
    siteId: string;
    familyId: string;
    supervisorId: string;
  }>(
    'new-user',
    {
      email: '',
      displayName: '',
      role: 'coach',
      password: '',
      siteId: '',
      familyId: '',
      supervisorId: '',
    },
    ['password'],
  );
  // A family user belongs to one family of its site; a coach may have a supervisor of its site.
  const siteFamilies = useLoad(
    () =>
      user.role === 'family' && user.siteId !== ''
        ? unwrap(api.GET('/api/families', { params: { query: { siteId: user.siteId, limit: 100 } } })).then(
            (page) => page.items,
          )
        : Promise.resolve([]),
    [user.role, user.siteId],
  );
  const siteSupervisors = useLoad(
    () =>
      user.role === 'coach' && user.siteId !== ''
        ? unwrap(
            api.GET('/api/users', {
              params: { query: { role: 'supervisor', siteId: user.siteId, active: true, limit: 100 } },
            }),
          ).then((page) => page.items)
        : Promise.resolve([]),
    [user.role, user.siteId],
  );
  const [change, setChange, clearChange] = useDraft('settings', { threshold: '', maxTravelKm: '' });
  const siteName = (id: string | null) => sites.data?.find((s) => s.id === id)?.name ?? '—';

  return (
    <>
      <h1>Administration</h1>
      <h2>Sites</h2>
      <Loader loaded={sites} what="Loading sites">
        {(list) => (
          <ul className="plain">
            {list.map((s) => (
              <li key={s.id}>
                {s.name} {s.demo && <span className="pill">demo</span>} · {timeZoneLabel(s.timeZone)} · since{' '}
                {formatDate(s.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </Loader>
      <ActionForm
        label="Add a site"
        submitText="Add the site"
        action={async () => {
          await unwrap(api.POST('/api/sites', { body: { name: site.name.trim(), timeZone: site.timeZone } }));
          clearSite();
          sites.reload();
        }}
      >
        <Field label="Site name" value={site.name} onChange={(name) => setSite({ name })} required />
        <SelectField
          label="Time zone (the site's “today”, due dates and check expiries)"
          value={site.timeZone}
          options={SITE_TIME_ZONES.map(([value, label]) => ({ value, label }))}
          onChange={(timeZone) => setSite({ timeZone })}
          required
        />
      </ActionForm>

      <h2>Users</h2>
      <Loader loaded={users} what="Loading users">
        {(page) => (
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Site</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((u) => (
                  <tr key={u.id}>
                    <td>{u.displayName}</td>
                    <td>{u.email}</td>
                    <td>{u.role}</td>
                    <td>{siteName(u.siteId)}</td>
                    <td>
                      {u.active ? 'active' : 'deactivated'}{' '}
                      <ActionButton
                        action={async () => {
                          const path = u.active ? '/api/users/{id}/deactivate' : '/api/users/{id}/reactivate';
                          await unwrap(api.POST(path, { params: { path: { id: u.id } } }));
                          users.reload();
                        }}
                      >
                        {u.active ? 'Deactivate' : 'Reactivate'}
                      </ActionButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loader>
      <ActionForm
        label="Add a user"
        submitText="Add the user"
        action={async () => {
          await unwrap(
            api.POST('/api/users', {
              body: {
                email: user.email.trim(),
                displayName: user.displayName.trim(),
                role: user.role,
                password: user.password,
                ...(user.siteId === '' ? {} : { siteId: user.siteId }),
                ...(user.role === 'family' && user.familyId !== '' ? { familyId: user.familyId } : {}),
                ...(user.role === 'coach' && user.supervisorId !== ''
                  ? { supervisorId: user.supervisorId }
                  : {}),
              },
            }),
          );
          clearUser();
          users.reload();
        }}
      >
        <div className="grid">
          <Field
            label="Name"
            value={user.displayName}
            onChange={(displayName) => setUser({ displayName })}
            required
          />
          <Field
            label="Email"
            type="email"
            value={user.email}
            onChange={(email) => setUser({ email })}
            required
          />
          <SelectField
            label="Role"
            value={user.role}
            options={(['coach', 'supervisor', 'evaluator', 'admin', 'family'] as const).map((r) => ({
              value: r,
              label: r,
            }))}
            onChange={(v) => setUser({ role: v, familyId: '', supervisorId: '' })}
          />
          <SelectField
            label="Site"
            value={user.siteId}
            options={[
              { value: '', label: 'No site' },
              ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            onChange={(siteId) => setUser({ siteId, familyId: '', supervisorId: '' })}
          />
          {user.role === 'family' && (
            <SelectField
              label="Family"
              value={user.familyId}
              required
              options={[
                {
                  value: '',
                  label:
                    user.siteId === ''
                      ? 'Choose a site first'
                      : siteFamilies.loading
                        ? 'Loading families…'
                        : (siteFamilies.data ?? []).length === 0
                          ? 'No families at this site'
                          : 'Choose a family',
                },
                ...(siteFamilies.data ?? []).map((f) => ({
                  value: f.id,
                  label: `${f.displayName} (${f.kind})`,
                })),
              ]}
              onChange={(familyId) => setUser({ familyId })}
            />
          )}
          {user.role === 'coach' && (
            <SelectField
              label="Supervisor"
              value={user.supervisorId}
              options={[
                { value: '', label: 'No supervisor' },
                ...(siteSupervisors.data ?? []).map((u) => ({ value: u.id, label: u.displayName })),
              ]}
              onChange={(supervisorId) => setUser({ supervisorId })}
            />
          )}
          <Field
            label="First password"
            hint="At least 12 characters; they can change it after signing in."
            type="password"
            autoComplete="new-password"
            value={user.password}
            onChange={(password) => setUser({ password })}
            required
          />
        </div>
      </ActionForm>

      <h2>Programme settings</h2>
      <Loader loaded={settings} what="Loading settings">
        {(s) => (
          <>
            <p>
              Version {s.version}, changed {formatDate(s.updatedAt)}. Small-cell threshold:{' '}
              {s.settings.deIdentification.suppressionThreshold}; maximum travel:{' '}
              {s.settings.matching.maxTravelKm} km.
            </p>
            <ActionForm
              label="Change settings"
              submitText="Save the settings"
              action={async () => {
                const changes: Record<string, unknown> = {};
                if (change.threshold !== '')
                  changes.deIdentification = { suppressionThreshold: Number(change.threshold) };
                if (change.maxTravelKm !== '') changes.matching = { maxTravelKm: Number(change.maxTravelKm) };
                await unwrap(api.PATCH('/api/settings', { body: { version: s.version, changes } }));
                clearChange();
                settings.reload();
              }}
            >
              <div className="grid">
                <Field
                  label="Small-cell threshold"
                  type="number"
                  value={change.threshold}
                  onChange={(threshold) => setChange({ threshold })}
                />
                <Field
                  label="Maximum travel (km)"
                  type="number"
                  value={change.maxTravelKm}
                  onChange={(maxTravelKm) => setChange({ maxTravelKm })}
                />
              </div>
            </ActionForm>
          </>
        )}
      </Loader>
    </>
  );
}

/** The zones a site in Australia can be in, in plain words (the API takes any IANA name). */
const SITE_TIME_ZONES: readonly (readonly [string, string])[] = [
  ['Australia/Adelaide', 'Adelaide (South Australia)'],
  ['Australia/Darwin', 'Darwin (Northern Territory)'],
  ['Australia/Brisbane', 'Brisbane (Queensland)'],
  ['Australia/Sydney', 'Sydney (New South Wales, ACT)'],
  ['Australia/Melbourne', 'Melbourne (Victoria)'],
  ['Australia/Hobart', 'Hobart (Tasmania)'],
  ['Australia/Perth', 'Perth (Western Australia)'],
  ['Australia/Broken_Hill', 'Broken Hill (NSW, on South Australian time)'],
];

function timeZoneLabel(zone: string): string {
  return SITE_TIME_ZONES.find(([value]) => value === zone)?.[1] ?? zone;
}
