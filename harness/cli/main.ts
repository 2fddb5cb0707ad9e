/**
 * The command-line front end. Each subcommand lives in `cli/commands/<name>.ts` and exports
 * `run(argv): Promise<number>` returning the exit code (0 ok, 1 findings/failures, 2 could not run).
 * Subcommands are imported lazily so that `--help` and small commands start fast.
 */
// Every subcommand may parse SPL: loading the command registry installs the grammar (spl/grammar.ts).
import '../engine/commands/index.js';

type Runner = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Runner }> }> = {
  validate: { summary: 'lint content: schemas and semantic rules', load: () => import('./commands/validate.js') },
  test: { summary: 'run detection tests on their attack data', load: () => import('./commands/test.js') },
  parse: { summary: 'expand macros and parse every search', load: () => import('./commands/parse.js') },
  explain: { summary: "show one detection's expanded search and AST", load: () => import('./commands/explain.js') },
  coverage: { summary: 'which detections the engine can execute, and what blocks the rest', load: () => import('./commands/coverage.js') },
  mutate: { summary: 'mutation testing: which faults planted in a search its tests would miss', load: () => import('./commands/mutate.js') },
  shrink: { summary: "reduce a test's dataset to the few events that decide it (a minimal fixture)", load: () => import('./commands/shrink.js') },
  search: { summary: "run any SPL over dataset files (the harness's search bar)", load: () => import('./commands/search.js') },
  fetch: { summary: 'resolve and download test datasets into the cache', load: () => import('./commands/fetch.js') },
  cache: { summary: 'inspect the dataset cache: ls | verify | prune', load: () => import('./commands/cache.js') },
  'merge-reports': { summary: 'join shard JSON reports into one report', load: () => import('./commands/merge-reports.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'spl-harness: test Splunk ESCU detections without a Splunk server',
    '',
    'usage: spl-harness <command> [options]      (spl-harness help <command> for its options)',
    '       spl-harness --version | -V',
    '',
    'commands:',
    ...lines,
    '',
  ].join('\n');
}

/**
 * `spl-harness validate | head`: once the reader has gone, stop quietly instead of dying on an
 * EPIPE stack trace (what a shell's own tools do on SIGPIPE).
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length) {
    // `help <command>` is `<command> --help`, as git and npm have it.
    const command = commands[rest[0]];
    if (!command) {
      process.stderr.write(`spl-harness: unknown command '${rest[0]}'\n\n${usage()}`);
      return 2;
    }
    return (await command.load()).run(['--help']);
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Without a command the usage is an error (stderr, exit 2); asked for, it is the answer.
    (name ? process.stdout : process.stderr).write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    const { toolVersion } = await import('../report/common.js');
    process.stdout.write(`spl-harness ${toolVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`spl-harness: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
