import { processMetrics, ProcessMetrics } from './process-metrics';

const processWide = async (metrics: ProcessMetrics): Promise<string[]> =>
  (await metrics.registry.getMetricsAsJSON())
    .map((metric) => metric.name)
    .filter((name) => name.startsWith('process_') || name.startsWith('nodejs_'));

describe('ProcessMetrics', () => {
  // Started at import, prom-client's GC observer kept every jest test file's modules alive (a worker
  // grew ~30 MB per file and was force-exited at the end of the run): only `main` starts them.
  it('starts no process-wide collection when the module is loaded or an instance is made', async () => {
    expect(await processWide(processMetrics)).toEqual([]);
    expect(await processWide(new ProcessMetrics())).toEqual([]);
  });

  it('collects the process’s own metrics once asked, and a second ask changes nothing', async () => {
    const metrics = new ProcessMetrics();
    metrics.collectProcessMetrics();
    const first = await processWide(metrics);
    expect(first).toEqual(
      expect.arrayContaining(['process_resident_memory_bytes', 'nodejs_gc_duration_seconds']),
    );
    expect(() => metrics.collectProcessMetrics()).not.toThrow();
    expect(await processWide(metrics)).toEqual(first);
  });
});
