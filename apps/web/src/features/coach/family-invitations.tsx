import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useMessages } from '../../shared/messages';
import { useApiQuery } from '../../shared/query';
import { ActionForm, Field, formatDate, Loader } from '../../shared/ui';

/** A coach invites an adult of the family (issue 15) and sees who has joined. */
export function FamilyInvitations({ familyId }: { familyId: string }) {
  const m = useMessages();
  const list = useApiQuery(['/api/families/{id}/invitations', familyId], () =>
    unwrap(api.GET('/api/families/{id}/invitations', { params: { path: { id: familyId } } })),
  );
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [sent, setSent] = useState<Schemas['InvitationSentView'] | null>(null);
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{m.invitations.heading}</h2>
      <p>{m.invitations.intro}</p>
      <ActionForm
        label={m.invitations.form}
        submitText={m.invitations.send}
        action={async () => {
          setSent(null);
          const answer = await unwrap(
            api.POST('/api/families/{id}/invitations', {
              params: { path: { id: familyId } },
              body: { email: email.trim(), displayName: displayName.trim() },
            }),
          );
          setSent(answer);
          setEmail('');
          setDisplayName('');
        }}
      >
        <Field label={m.invitations.name} value={displayName} onChange={setDisplayName} required />
        <Field label={m.invitations.email} type="email" value={email} onChange={setEmail} required />
      </ActionForm>
      <div role="status">
        {sent !== null && (
          <div className="saved">
            <p>{m.invitations.sent(sent.displayName, formatDate(sent.expiresAt))}</p>
            <p>
              {m.invitations.codeIs} <strong className="code">{sent.code}</strong>
            </p>
          </div>
        )}
      </div>
      <Loader loaded={list}>
        {(items) =>
          items.length === 0 ? (
            <p>{m.invitations.none}</p>
          ) : (
            <ul className="plain" aria-label={m.invitations.listLabel}>
              {items.map((i) => (
                <li key={i.id}>
                  <strong>{i.displayName}</strong> ({i.email}):{' '}
                  {i.status === 'joined'
                    ? m.invitations.joined(formatDate(i.joinedAt))
                    : i.status === 'expired'
                      ? m.invitations.expired(formatDate(i.expiresAt))
                      : m.invitations.pending(formatDate(i.expiresAt))}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
    </section>
  );
}
