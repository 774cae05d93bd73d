import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it('works out helmet’s headers once, its default policy less upgrade-insecure-requests', () => {
    const headers = new Map(helmetHeaders());
    expect(headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(headers.get('Content-Security-Policy')).not.toContain('upgrade-insecure-requests');
  });

  it('refuses options helmet refuses, so the app does not start with a broken policy', () => {
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'", 'a;b'] } } }),
    ).toThrow(/default-src/);
  });
});
