import { LinkUpStage } from './link-up-stages.constants';
import { transitionRequestFromTarget, TransitionTargetInput } from './transition-target';

const AT = new Date('2026-03-02T10:00:00.000Z');

describe('transitionRequestFromTarget', () => {
  it.each([
    ['doing_with', { to: 'doing_without' }, { kind: 'advance', to: 'doing_without', reason: '', at: AT }],
    [
      'doing_with',
      { to: 'doing_without', reason: 'ready' },
      { kind: 'advance', to: 'doing_without', reason: 'ready', at: AT },
    ],
    ['doing_with', { to: 'doing_with' }, { kind: 'advance', to: 'doing_with', reason: '', at: AT }],
    [
      'relationship_building',
      { to: 'doing_without' },
      { kind: 'advance', to: 'doing_without', reason: '', at: AT },
    ],
    [
      'doing_without',
      { to: 'relationship_building', reason: 'restart' },
      { kind: 'move_back', to: 'relationship_building', reason: 'restart', at: AT },
    ],
    [
      'doing_with',
      { to: 'relationship_building' },
      { kind: 'move_back', to: 'relationship_building', reason: '', at: AT },
    ],
    ['doing_with', { to: 'paused', reason: 'holiday' }, { kind: 'pause', reason: 'holiday', at: AT }],
    ['doing_with', { to: 'paused', reason: null }, { kind: 'pause', reason: '', at: AT }],
    ['doing_with', { to: 'active' }, { kind: 'resume', reason: '', at: AT }],
    [
      'doing_with',
      { to: 'active', reason: 'back from holiday' },
      { kind: 'resume', reason: 'back from holiday', at: AT },
    ],
    [
      'doing_without',
      { to: 'completed', closureReason: 'done' },
      { kind: 'complete', closureReason: 'done', at: AT },
    ],
    ['doing_without', { to: 'completed' }, { kind: 'complete', closureReason: '', at: AT }],
    [
      'doing_with',
      { to: 'ended_early', closureReason: 'other', reason: 'note' },
      { kind: 'end_early', endReason: 'other', note: 'note', at: AT },
    ],
    [
      'doing_with',
      { to: 'ended_early', closureReason: 'moved_away' },
      { kind: 'end_early', endReason: 'moved_away', note: '', at: AT },
    ],
  ] as [LinkUpStage, TransitionTargetInput, object][])('from %s, %o → %o', (stage, input, request) => {
    expect(transitionRequestFromTarget(stage, input, AT)).toEqual({ ok: true, request });
  });

  it.each([
    [{ to: 'finished' }, 'UNKNOWN_TARGET'],
    [{ to: '' }, 'UNKNOWN_TARGET'],
    [{ to: 'ended_early' }, 'INVALID_END_REASON'],
    [{ to: 'ended_early', closureReason: 'bored' }, 'INVALID_END_REASON'],
  ])('%o → %s', (input, code) => {
    expect(transitionRequestFromTarget('doing_with', input, AT)).toMatchObject({ ok: false, code });
  });
});
