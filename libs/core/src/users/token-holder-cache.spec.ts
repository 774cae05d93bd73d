import { ControllableClock } from '../clock';
import { TOKEN_HOLDER_CACHE_LIFE_MS, TOKEN_HOLDER_CACHE_SIZE, TokenHolderCache } from './token-holder-cache';

describe('TokenHolderCache', () => {
  const setup = () => {
    const clock = new ControllableClock();
    const cache = new TokenHolderCache<{ version: number }>(clock);
    let version = 1;
    let reads = 0;
    const load = (): Promise<{ version: number }> => {
      reads += 1;
      return Promise.resolve({ version });
    };
    return {
      clock,
      cache,
      load,
      bump: () => (version += 1),
      reads: () => reads,
    };
  };

  it('serves a read for its life by the project clock, then reads again', async () => {
    const { clock, cache, load, bump, reads } = setup();
    expect(await cache.get('a', load)).toEqual({ version: 1 });
    bump();
    expect(await cache.get('a', load)).toEqual({ version: 1 });
    expect(reads()).toBe(1);
    clock.advance({ ms: TOKEN_HOLDER_CACHE_LIFE_MS });
    expect(await cache.get('a', load)).toEqual({ version: 2 });
    // A clock moved back before the entry's time does not make it live longer.
    clock.advance({ days: -1 });
    bump();
    expect(await cache.get('a', load)).toEqual({ version: 3 });
    expect(reads()).toBe(3);
  });

  it('reads again at once after forget', async () => {
    const { cache, load, bump } = setup();
    await cache.get('a', load);
    bump();
    cache.forget('a');
    expect(await cache.get('a', load)).toEqual({ version: 2 });
  });

  it('reads again, once, a cached value the caller finds stale, without dropping reads in flight', async () => {
    const { cache, load, bump, reads } = setup();
    const olderThan2 = (v: { version: number }) => v.version < 2;
    await cache.get('a', load);
    await cache.get('b', load);
    bump();
    let release: () => void = () => undefined;
    const inFlight = cache.get('c', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { version: 2 };
    });
    // 'a' is cached at version 1, stale for the caller: read again, and the new row kept.
    expect(await cache.get('a', load, olderThan2)).toEqual({ version: 2 });
    expect(await cache.get('a', load)).toEqual({ version: 2 });
    expect(reads()).toBe(3);
    // Not stale for this caller: served from the cache, no read.
    expect(await cache.get('b', load, () => false)).toEqual({ version: 1 });
    expect(reads()).toBe(3);
    // The read of 'c' in flight meanwhile is still stored.
    release();
    await inFlight;
    expect(await cache.get('c', load)).toEqual({ version: 2 });
    expect(reads()).toBe(3);
  });

  it('does not store a read that was in flight when the account changed', async () => {
    const { cache, load, bump, reads } = setup();
    let release: () => void = () => undefined;
    const slow = cache.get('a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { version: 1 };
    });
    bump();
    cache.forget('a');
    release();
    expect(await slow).toEqual({ version: 1 });
    expect(await cache.get('a', load)).toEqual({ version: 2 });
    expect(reads()).toBe(1);
  });

  it('does not store an unknown account, and holds at most its size', async () => {
    const { cache } = setup();
    let reads = 0;
    const missing = (): Promise<null> => {
      reads += 1;
      return Promise.resolve(null);
    };
    await cache.get('nobody', missing);
    await cache.get('nobody', missing);
    expect(reads).toBe(2);
    for (let i = 0; i <= TOKEN_HOLDER_CACHE_SIZE; i += 1)
      await cache.get(`u${i}`, () => Promise.resolve({ version: i }));
    let first = 0;
    await cache.get('u0', () => {
      first += 1;
      return Promise.resolve({ version: -1 });
    });
    expect(first).toBe(1);
    let last = 0;
    await cache.get(`u${TOKEN_HOLDER_CACHE_SIZE}`, () => {
      last += 1;
      return Promise.resolve({ version: -1 });
    });
    expect(last).toBe(0);
  });
});
