import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime, Loader } from '../../shared/ui';
import { useApiQuery } from '../../shared/query';
import { useMessages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { RecordCheckInForm, useCheckInWords } from './check-in-form';

export { SEVERITIES } from './check-in-form';

type CheckIn = Schemas['CheckInView'];

export function CheckInPage() {
  const m = useMessages();
  usePageTitle(m.titles.checkIn);
  const { id = '' } = useParams();
  const checkIn = useApiQuery(['/api/check-ins', id], () =>
    unwrap(api.GET('/api/check-ins/{id}', { params: { path: { id } } })),
  );
  return (
    <>
      <h1>{m.checkIn.heading}</h1>
      <Loader loaded={checkIn} what="Loading the check-in">
        {(c) => <CheckInView checkIn={c} />}
      </Loader>
    </>
  );
}

function CheckInView({ checkIn }: { checkIn: CheckIn }) {
  const m = useMessages();
  const what = useCheckInWords()(checkIn);
  const open = checkIn.status === 'scheduled' || checkIn.status === 'due' || checkIn.status === 'missed';
  return (
    <>
      <p>
        {what}, {m.today.dueAt(formatDateTime(checkIn.dueAt))}:{' '}
        <strong>{m.words.checkInStatus[checkIn.status] ?? checkIn.status}</strong>.{' '}
        <Link to={`/link-ups/${checkIn.linkUpId}`}>Back to the link-up</Link>
      </p>
      {open ? (
        <RecordCheckInForm checkIn={checkIn} label="Record the check-in as held" onDone={() => undefined} />
      ) : (
        <div className="card">
          <p>
            Held {formatDateTime(checkIn.heldAt)} ({m.words.mode[checkIn.mode ?? ''] ?? '—'}).
          </p>
          <p>
            Relationship {checkIn.relationshipRating ?? '—'} / 5 · wellbeing {checkIn.wellbeingRating ?? '—'}{' '}
            / 5
          </p>
          {checkIn.notes !== null && <p>Notes: {checkIn.notes}</p>}
          {checkIn.cancelledReason !== null && <p>Cancelled: {checkIn.cancelledReason.replace(/_/g, ' ')}</p>}
        </div>
      )}
    </>
  );
}
