import { DataSource } from 'typeorm';
import type { Actor } from './actor';
import { assertInCaseload, isInCaseload, isSiteInScope, whereInCaseload, type CaseloadRecord } from './scope';

const SITE_A = 'site-a';
const SITE_B = 'site-b';
const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  id: `${role}-1`,
  role,
  siteId: SITE_A,
  familyId: null,
  supervisorId: null,
  ...extra,
});

const ownCoachRecord: CaseloadRecord = {
  siteId: SITE_A,
  coachId: 'coach-1',
  familyIds: ['family-1', 'family-2'],
};
const otherCoachRecord: CaseloadRecord = {
  siteId: SITE_A,
  coachId: 'coach-2',
  familyIds: ['family-3', 'family-4'],
};
const otherSiteRecord: CaseloadRecord = { siteId: SITE_B, coachId: 'coach-9', familyIds: ['family-9'] };

describe('scope', () => {
  it.each([
    ['admin', actor('admin', { siteId: null }), [true, true, true]],
    ['supervisor', actor('supervisor'), [true, true, false]],
    ['coach', actor('coach'), [true, false, false]],
    ['family of family-2', actor('family', { familyId: 'family-2' }), [true, false, false]],
    ['family without a family', actor('family'), [false, false, false]],
    ['evaluator', actor('evaluator', { siteId: null }), [false, false, false]],
  ])('%s sees its own caseload only', (_name, who, expected) => {
    expect([ownCoachRecord, otherCoachRecord, otherSiteRecord].map((r) => isInCaseload(who, r))).toEqual(
      expected,
    );
  });

  it('answers NOT_FOUND outside the scope, so ids cannot be probed', () => {
    expect(() => assertInCaseload(actor('coach'), otherCoachRecord, 'Family')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', kind: 'not_found', message: 'Family not found.' }),
    );
    expect(() => assertInCaseload(actor('coach'), ownCoachRecord, 'Family')).not.toThrow();
  });

  it('keeps sites to the actor’s own, except for admins; evaluators see none', () => {
    expect(isSiteInScope(actor('admin', { siteId: null }), SITE_B)).toBe(true);
    expect(isSiteInScope(actor('supervisor'), SITE_A)).toBe(true);
    expect(isSiteInScope(actor('supervisor'), SITE_B)).toBe(false);
    expect(isSiteInScope(actor('coach', { siteId: null }), null)).toBe(false);
    expect(isSiteInScope(actor('evaluator'), SITE_A)).toBe(false);
  });

  describe('whereInCaseload', () => {
    const dataSource = new DataSource({ type: 'postgres' });
    const sql = (who: Actor) => {
      const [query, parameters] = whereInCaseload(
        // An existing condition: the family's OR must stay in parentheses, or it would widen the query.
        dataSource.createQueryBuilder().select('lu.id').from('link_ups', 'lu').where("lu.status = 'active'"),
        who,
        {
          siteId: 'lu.site_id',
          coachId: 'lu.coach_id',
          familyIds: ['lu.seeking_family_id', 'lu.sharing_family_id'],
        },
      ).getQueryAndParameters();
      return { where: query.split('WHERE ')[1] ?? '', parameters };
    };

    it.each([
      ['admin', actor('admin'), "lu.status = 'active'", []],
      ['supervisor', actor('supervisor'), "lu.status = 'active' AND lu.site_id = $1", [SITE_A]],
      [
        'coach',
        actor('coach'),
        "lu.status = 'active' AND lu.site_id = $1 AND lu.coach_id = $2",
        [SITE_A, 'coach-1'],
      ],
      [
        'family',
        actor('family', { familyId: 'family-2' }),
        "lu.status = 'active' AND (lu.seeking_family_id = $1 OR lu.sharing_family_id = $1)",
        ['family-2'],
      ],
      ['evaluator', actor('evaluator'), "lu.status = 'active' AND 1 = 0", []],
    ])('narrows a list query for a %s', (_name, who, where, parameters) => {
      const result = sql(who);
      expect(result.where.replace(/\s+/g, ' ').trim()).toBe(where);
      expect(result.parameters).toEqual(parameters);
    });
  });
});
