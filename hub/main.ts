// `npm run hub -- --port 8700 [--data <dir>]`: runs the demo hub on its own until SIGINT/SIGTERM, so
// stations (seats, the desktop app) can point at it with --hub.
import { HubArgsError, parseHubArgs, type HubArgs } from './args.js';
import { startHub } from './server.js';

function stamp(): string {
  return new Date().toISOString().slice(11, 23);
}

async function main(): Promise<void> {
  let args: HubArgs;
  try {
    args = parseHubArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof HubArgsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const hub = await startHub({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    calls: {
      ...(args.rtcIp === undefined ? {} : { rtcIp: args.rtcIp }),
      ...(args.announcedIp === undefined ? {} : { announcedIp: args.announcedIp }),
    },
    log: (line) => console.error(`${stamp()} hub: ${line}`),
  });
  console.log(`Watchfloor demo hub: ${hub.url}`);
  console.log(`Field page (grid workers' phones, 视频调度): ${hub.url}/field/`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${stamp()} hub: ${signal}: stopping`);
    hub.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`hub: stopping failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`hub: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
