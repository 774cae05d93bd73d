import { runLimited } from './run-limited';

describe('runLimited', () => {
  it('runs every item, a failing one not stopping the others', async () => {
    const done: number[] = [];
    const errors: number[] = [];
    const { failed } = await runLimited(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        await Promise.resolve();
        if (n === 2) throw new Error('two');
        done.push(n);
      },
      (n) => errors.push(n),
    );
    expect(failed).toBe(1);
    expect(errors).toEqual([2]);
    expect(done.sort()).toEqual([1, 3, 4, 5]);
  });

  it('takes no new item once told to stop', async () => {
    let stop = false;
    const started: number[] = [];
    await runLimited(
      Array.from({ length: 100 }, (_, i) => i),
      4,
      async (n) => {
        await Promise.resolve();
        started.push(n);
        if (n === 10) stop = true;
      },
      undefined,
      () => stop,
    );
    expect(started.length).toBeLessThanOrEqual(11 + 4);
    expect(started).toContain(10);
  });
});
