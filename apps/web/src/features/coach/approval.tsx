import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { startOfDayIn } from '../../shared/time';
import { ActionButton, ActionForm, Checkbox, Field, formatDate, SelectField } from '../../shared/ui';
import type { OnDemand } from './on-demand';

type Family = Schemas['FamilyDetailView'];
type Person = Schemas['PersonView'];
type Guard = Schemas['ApprovalGuardView'];

/** An adult of a Sharing family without a current check on the site's `today`. */
export function lacksCurrentCheck(person: Person, today: string): boolean {
  if (person.role !== 'adult') return false;
  if (person.wwccNumber === undefined || person.wwccNumber === null || person.wwccNumber.trim() === '')
    return true;
  return (
    person.wwccExpiresOn === undefined ||
    person.wwccExpiresOn === null ||
    person.wwccExpiresOn.slice(0, 10) < today
  );
}

function and(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/**
 * A Sharing family awaiting approval: each guard, met or not, in words, with the link that opens the
 * form meeting it; then the coach's sign-off and the approval itself.
 */
export function ApprovalChecklist({
  family,
  forms,
  onApproved,
}: {
  family: Family;
  forms: OnDemand;
  onApproved: (text: string) => void;
}) {
  const m = useMessages().familyRecord;
  const [signOff, setSignOff] = useState(false);
  const guards = family.approvalChecklist ?? [];
  const nameOf = (id: string) => family.people.find((p) => p.id === id)?.preferredName ?? '';
  const open = (action: string) => ({ search: `?do=${action}` });

  /**
   * Each guard: what is said of it (met or not) and, when unmet, the action that meets it. A guard
   * without a row here (the sign-off) is met by the approval itself.
   */
  const rows: Record<string, (guard: Guard) => { said: string; action?: ReactNode }> = {
    TRAINING_COMPLETED: (g) =>
      g.met
        ? { said: m.trainingMet(formatDate(family.trainingCompletedAt)) }
        : { said: m.trainingUnmet, action: <Link to={open('training')}>{m.recordTraining}</Link> },
    WWCC_CURRENT_FOR_EVERY_ADULT: (g) => {
      const lacking = g.personIds ?? [];
      if (g.met) return { said: m.checksMet };
      if (lacking.length === 0)
        return { said: m.noAdults, action: <Link to={open('person')}>{m.addAdult}</Link> };
      return {
        said: m.checksUnmet(and(lacking.map(nameOf))),
        action: lacking.map((id) => (
          <Link key={id} className="after" to={open(`check-${id}`)}>
            {m.recordCheck(nameOf(id))}
          </Link>
        )),
      };
    },
    PARTICIPATION_CONSENT: (g) =>
      g.met
        ? { said: m.consentMet }
        : {
            said: m.consentUnmet,
            action: (
              <ActionButton
                action={async () => {
                  await unwrap(
                    api.POST('/api/families/{id}/consents', {
                      params: { path: { id: family.id } },
                      body: { kind: 'participation', action: 'grant' },
                    }),
                  );
                }}
              >
                {m.recordConsent}
              </ActionButton>
            ),
          },
  };
  const rowOf = (g: Guard) => rows[g.guard]?.(g) ?? { said: m.signOffHint };

  return (
    <section aria-labelledby="approval" className="card approval">
      <h2 id="approval">{m.approvalHeading}</h2>
      <p>{m.approvalIntro(family.displayName)}</p>
      <ul className="checklist">
        {guards.map((g) => {
          const { said, action } = rowOf(g);
          return (
            <li key={g.guard} className={g.met ? 'is-met' : 'is-unmet'}>
              <span className={g.met ? 'met' : 'unmet'}>
                <span aria-hidden="true">{g.met ? '✓' : '✗'}</span> {g.met ? m.done : m.toDo}:
              </span>{' '}
              {said}
              {action !== undefined && <> {action}</>}
            </li>
          );
        })}
      </ul>
      <Checkbox label={m.signOffBox(family.displayName)} checked={signOff} onChange={setSignOff} />
      <ActionButton
        className="primary"
        action={async () => {
          await unwrap(
            api.POST('/api/families/{id}/status', {
              params: { path: { id: family.id } },
              body: { to: 'approved', version: family.version, signOff },
            }),
          );
          forms.show(null);
          onApproved(m.approved(family.displayName));
        }}
      >
        {m.approve(family.displayName)}
      </ActionButton>
    </section>
  );
}

/** Training of a Sharing family: recorded with its date (today by default, from the site's clock). */
export function Training({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const m = useMessages().familyRecord;
  const [date, setDate] = useState(family.trainingCompletedAt?.slice(0, 10) ?? family.today);
  const recorded = family.trainingCompletedAt !== null;
  return (
    <section aria-labelledby="training">
      <h2 id="training">{m.trainingHeading}</h2>
      <p>{recorded ? m.trainingDone(formatDate(family.trainingCompletedAt)) : m.trainingNone}</p>
      {forms.open === 'training' ? (
        <div
          ref={(el) => {
            forms.panel.current = el;
          }}
          tabIndex={-1}
        >
          <ActionForm
            label={m.recordTraining}
            submitText={m.saveTraining}
            beside={<CancelButton forms={forms} />}
            action={async () => {
              await unwrap(
                api.PATCH('/api/families/{id}', {
                  params: { path: { id: family.id } },
                  // The start of that day in the site's zone: never later than now when it is today.
                  body: {
                    version: family.version,
                    trainingCompletedAt: startOfDayIn(date, family.timeZone),
                  },
                }),
              );
              forms.show(null);
              onDone(m.trainingSaved);
            }}
          >
            <Field
              label={m.trainingDate}
              hint={m.trainingDateHint}
              type="date"
              required
              max={family.today}
              value={date}
              onChange={setDate}
            />
          </ActionForm>
        </div>
      ) : (
        <button type="button" onClick={() => forms.show('training')}>
          {recorded ? m.changeTraining : m.recordTraining}
        </button>
      )}
    </section>
  );
}

/** The family's people; adding one and recording an adult's check are forms opened on demand. */
export function People({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const m = useMessages().familyRecord;
  const sharing = family.kind === 'sharing';
  return (
    <section aria-labelledby="people">
      <h2 id="people">{m.peopleHeading}</h2>
      {family.people.length === 0 ? (
        <p>{m.noPeople}</p>
      ) : (
        <ul className="plain">
          {family.people.map((p) => {
            const lacking = sharing && lacksCurrentCheck(p, family.today);
            return (
              <li key={p.id}>
                <strong>{p.preferredName}</strong> ({p.role === 'adult' ? m.adult : m.child})
                {p.pronouns !== null && <>, {p.pronouns}</>}
                {p.legalName !== undefined && p.legalName !== null && <> · {m.legalNameWords(p.legalName)}</>}
                {p.wwccExpiresOn !== undefined && p.wwccExpiresOn !== null && !lacking && (
                  <> · {m.checkUntil(formatDate(p.wwccExpiresOn))}</>
                )}
                {lacking && (
                  <>
                    {' '}
                    · <span className="unmet">{m.checkMissing}</span>
                    {forms.open !== `check-${p.id}` && (
                      <>
                        {' '}
                        <button type="button" onClick={() => forms.show(`check-${p.id}`)}>
                          {m.recordCheck(p.preferredName)}
                        </button>
                      </>
                    )}
                  </>
                )}
                {forms.open === `check-${p.id}` && (
                  <CheckForm person={p} forms={forms} onDone={onDone} today={family.today} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {forms.open === 'person' ? (
        <AddPerson family={family} forms={forms} onDone={onDone} />
      ) : (
        <button type="button" onClick={() => forms.show('person')}>
          {m.addPerson}
        </button>
      )}
    </section>
  );
}

function CheckForm({
  person,
  forms,
  onDone,
  today,
}: {
  person: Person;
  forms: OnDemand;
  onDone: (text: string) => void;
  today: string;
}) {
  const m = useMessages().familyRecord;
  const [number, setNumber] = useState(person.wwccNumber ?? '');
  const [expires, setExpires] = useState(person.wwccExpiresOn?.slice(0, 10) ?? '');
  return (
    <div
      ref={(el) => {
        forms.panel.current = el;
      }}
      tabIndex={-1}
    >
      <ActionForm
        label={m.recordCheck(person.preferredName)}
        submitText={m.saveCheck}
        beside={<CancelButton forms={forms} />}
        action={async () => {
          await unwrap(
            api.PATCH('/api/people/{id}', {
              params: { path: { id: person.id } },
              body: {
                version: person.version,
                wwccNumber: number.trim(),
                wwccExpiresOn: expires,
              },
            }),
          );
          forms.show(null);
          onDone(m.checkSaved(person.preferredName));
        }}
      >
        <div className="grid">
          <Field label={m.checkNumber} required value={number} onChange={setNumber} />
          <Field
            label={m.checkExpires}
            type="date"
            required
            min={today}
            value={expires}
            onChange={setExpires}
          />
        </div>
      </ActionForm>
    </div>
  );
}

function AddPerson({
  family,
  forms,
  onDone,
}: {
  family: Family;
  forms: OnDemand;
  onDone: (text: string) => void;
}) {
  const all = useMessages();
  const m = all.familyRecord;
  const [draft, setDraft] = useState({
    role: 'adult' as 'adult' | 'child',
    preferredName: '',
    legalName: '',
    wwccNumber: '',
    wwccExpiresOn: '',
  });
  const patch = (p: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...p }));
  const withCheck = draft.role === 'adult' && family.kind === 'sharing';
  return (
    <div
      ref={(el) => {
        forms.panel.current = el;
      }}
      tabIndex={-1}
    >
      <ActionForm
        label={m.addPerson}
        submitText={m.addPersonSubmit}
        beside={<CancelButton forms={forms} />}
        action={async () => {
          const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
          await unwrap(
            api.POST('/api/families/{id}/people', {
              params: { path: { id: family.id } },
              body: {
                role: draft.role,
                preferredName: draft.preferredName.trim(),
                legalName: optional(draft.legalName),
                ...(withCheck
                  ? { wwccNumber: optional(draft.wwccNumber), wwccExpiresOn: optional(draft.wwccExpiresOn) }
                  : {}),
              },
            }),
          );
          forms.show(null);
          onDone(m.personAdded);
        }}
      >
        <SelectField
          label={m.role}
          value={draft.role}
          options={[
            { value: 'adult', label: m.adultOption },
            { value: 'child', label: m.childOption },
          ]}
          onChange={(role) => patch({ role })}
        />
        <div className="grid">
          <Field
            label={all.fields.preferredName ?? ''}
            value={draft.preferredName}
            onChange={(preferredName) => patch({ preferredName })}
            required
          />
          <Field
            label={all.fields.legalName ?? ''}
            hint={m.staffOnly}
            value={draft.legalName}
            onChange={(legalName) => patch({ legalName })}
          />
        </div>
        {withCheck && (
          <div className="grid">
            <Field
              label={m.checkNumber}
              value={draft.wwccNumber}
              onChange={(wwccNumber) => patch({ wwccNumber })}
            />
            <Field
              label={m.checkExpires}
              type="date"
              min={family.today}
              value={draft.wwccExpiresOn}
              onChange={(wwccExpiresOn) => patch({ wwccExpiresOn })}
            />
          </div>
        )}
      </ActionForm>
    </div>
  );
}

export function CancelButton({ forms }: { forms: OnDemand }) {
  const m = useMessages().familyRecord;
  return (
    <button type="button" className="beside" onClick={() => forms.show(null)}>
      {m.cancel}
    </button>
  );
}
