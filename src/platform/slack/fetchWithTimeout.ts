// A fetch for the WebClient that gives up when Slack does not answer in time. The WebClient's own
// `timeout` option uses AbortSignal.timeout, whose timer outlives every request by the full
// timeout; this one is cleared as soon as the answer arrives.
export function fetchWithTimeout(ms: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`Slack did not answer within ${ms} ms`)), ms);
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await fetch(input, { ...init, signal });
    } finally {
      clearTimeout(timer);
    }
  };
}
