// `npm run seat -- --port <p> [--hub <url>] [--data <dir>] [--host 127.0.0.1] [--tiles <url>]`: starts the browser seat
// and prints the one line a person (or a test) opens: `Watchfloor seat: http://…/?token=…`.
import { parseSeatArgs, SeatArgsError } from './args.js';
import { startSeat } from './server.js';

async function main(): Promise<void> {
  let args;
  try {
    args = parseSeatArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof SeatArgsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = (line: string): void => console.error(`[seat] ${line}`);
  log(`data ${args.dataDir}; hub ${args.hubUrl ?? 'embedded demo county'}`);
  const seat = await startSeat({ ...args, log });
  console.log(`Watchfloor seat: ${seat.url}/?token=${encodeURIComponent(args.token)}`);

  let stoppingSince: number | null = null;
  const stop = (signal: string): void => {
    if (stoppingSince !== null) {
      // Ctrl-C reaches this process twice (from the terminal and forwarded by scripts/seat.mjs): only a
      // later, deliberate second signal cuts the shutdown short.
      if (Date.now() - stoppingSince < 2_000) return;
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${signal}: shutting down`);
    seat.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`[seat] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
