// First match wins (Edge and Chrome both say "Chrome/", Chrome says "Safari/" too).
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/HeadlessChrome\//, 'Headless Chrome'],
  [/Chrome\//, 'Chrome'],
  [/Firefox\//, 'Firefox'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

const first = (ua: string, table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1];

/** A short, human description of a User-Agent, e.g. "Chrome · Linux". */
export function describeDevice(userAgent: string | null | undefined): string | undefined {
  if (!userAgent) return undefined;
  return [first(userAgent, BROWSERS), first(userAgent, SYSTEMS)].filter(Boolean).join(' · ') || userAgent.slice(0, 40);
}
