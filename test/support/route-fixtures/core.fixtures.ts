import { makeUser } from '@app/testing';
import type { FixtureFactories } from './route-fixture';

export const CORE_FIXTURES: FixtureFactories = {
  'other-site-user': async (ctx) => (await makeUser(ctx.t.app, { role: 'coach', siteId: ctx.siteB.id })).id,
  'other-site': (ctx) => Promise.resolve(ctx.siteB.id),
  ping: async (ctx) => {
    const res = await ctx.t
      .http()
      .post('/api/system/pings')
      .set('authorization', `Bearer ${await ctx.token(ctx.users.admin)}`)
      .expect(202);
    return (res.body as { id: string }).id;
  },
};
