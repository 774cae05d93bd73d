import { JOB_NAMES, JOB_QUEUE, QUEUE_NAMES, jobIdFor, sweepAt } from './job-registry';

describe('job registry', () => {
  it('maps every job to a known queue', () => {
    for (const name of JOB_NAMES) expect(QUEUE_NAMES).toContain(JOB_QUEUE[name]);
  });

  it('derives the same id for the same work, and ids BullMQ accepts', () => {
    const id = jobIdFor('system.ping', { pingId: '7d3f0a52-1d2b-4f7c-9a43-6f0d2c1b9e10' });
    expect(id).toBe('system-ping-7d3f0a52-1d2b-4f7c-9a43-6f0d2c1b9e10');
    expect(jobIdFor('system.ping', { pingId: '7d3f0a52-1d2b-4f7c-9a43-6f0d2c1b9e10' })).toBe(id);
    // BullMQ refuses custom ids that are plain integers or contain its key separator.
    expect(id).not.toMatch(/^\d+$/);
    expect(id).not.toContain(':');
  });

  it('gives each due or overdue time one sweep job, and each concern and notice one job', () => {
    const id = '0b6f7c1e-2a44-4c1e-8a55-3c9d7d1e2f00';
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const ids = [
      jobIdFor('check-ins.sweep', sweepAt(at)),
      jobIdFor('safeguarding.triage-overdue', { concernId: id }),
      jobIdFor('notifications.email', { notificationId: id }),
    ];
    expect(ids).toEqual([
      `checkin-sweep-${at.getTime()}`,
      `concern-triage-overdue-${id}`,
      `notification-email-${id}`,
    ]);
    // Check-ins due at the same moment share one sweep; a millisecond apart, they do not.
    expect(jobIdFor('check-ins.sweep', { at: at.toISOString() })).toBe(ids[0]);
    expect(jobIdFor('check-ins.sweep', sweepAt(new Date(at.getTime() + 1)))).not.toBe(ids[0]);
    // The ids of a check-in's own jobs from before the sweep, so ones left in a queue are recognised.
    expect(jobIdFor('check-ins.due', { checkInId: id })).toBe(`checkin-due-${id}`);
    expect(jobIdFor('check-ins.overdue', { checkInId: id })).toBe(`checkin-overdue-${id}`);
    for (const jobId of [...ids, jobIdFor('check-ins.reconcile', {}), jobIdFor('check-ins.sweep', {})]) {
      expect(jobId).not.toMatch(/^\d+$/);
      expect(jobId).not.toContain(':');
    }
  });
});
