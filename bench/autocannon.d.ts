/**
 * The subset of autocannon's programmatic API the bench uses (the package ships no types and
 * `@types/autocannon` is not a dependency). See node_modules/autocannon/README.md, "API".
 */
declare module 'autocannon' {
  /** hdr-histogram-percentiles-obj: latency values in ms, request counts per second. */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  export interface Options {
    url: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    connections?: number;
    /** Seconds. */
    duration?: number;
    amount?: number;
    /** Seconds. */
    timeout?: number;
    /** A response whose body this returns falsy for is counted in `mismatches`. */
    verifyBody?: (body: string) => boolean;
    /** Request sequence each connection cycles through; `setupRequest` may rewrite a request (e.g. its body) before each send. */
    requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
  }

  export interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    '2xx': number;
  }

  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
