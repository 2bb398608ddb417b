import type { RateLimitOptions } from '../src/auth/rate-limit.js';
import { startServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/**
 * The server process of the load bench: what `turnout serve` runs
 * (startServer with the configuration from the environment), with the push
 * and pull rate limits raised unless LOAD_RATE_LIMITS=production, so the
 * bench measures what the server can carry rather than the per-account
 * limits (which stop one account at 120 pushes a minute). Logins are not
 * limited here either way: the bench creates its devices' logins directly.
 */
const generous: RateLimitOptions = {
  loginPerAccount: 1000,
  loginPerAddress: 1000,
  secretsPerAddress: 1000,
  pushesPerDevice: 1_000_000,
  pushesPerAccount: 1_000_000,
  mutationsPerAccount: 100_000_000,
  pushedCharsPerAccount: 10_000_000_000,
  pullsPerAccount: 1_000_000,
};

const config = loadConfig(process.env);
const running = await startServer(config, {
  ...(process.env.LOAD_RATE_LIMITS === 'production' ? {} : { rateLimits: generous }),
});
console.log(`load server running at ${running.localUrl}`);

// LOAD_SERVER_MEMORY_LOG=1: the main thread's view of memory every 5 s, to tell
// the V8 heap and Buffers from native memory when RSS grows.
if (process.env.LOAD_SERVER_MEMORY_LOG) {
  setInterval(() => {
    const mb = (n: number) => Math.round(n / 1048576);
    const m = process.memoryUsage();
    console.log(
      `memory rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
    );
  }, 5_000).unref();
}

const stop = () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
