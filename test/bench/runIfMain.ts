// Lets a bench run on its own (`tsx test/bench/x.bench.ts`) as well as from run.ts.
import { pathToFileURL } from 'node:url';

export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main()
    .then(() => process.exit())
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
