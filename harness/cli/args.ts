import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Options every subcommand may accept. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

/**
 * Parses a subcommand's argv with node's own parser. `--help` prints `help` and returns null;
 * an unknown flag or bad value throws a UsageError that the caller turns into exit code 2.
 */
export function parseCommandArgs<O extends OptionSpec>(
  argv: string[],
  options: O,
  help: string,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } | null {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help.endsWith('\n') ? help : help + '\n');
    return null;
  }
  // `--jobs -1`: node's parser takes a value starting with '-' for an option and calls it
  // ambiguous; a negative number is meant as the value, for the command to check and explain.
  const args = argv.flatMap((arg, i) =>
    i > 0 && /^-\d/.test(arg) && /^--[^=]+$/.test(argv[i - 1]) && options[argv[i - 1].slice(2)]?.type === 'string'
      ? []
      : [/^--[^=]+$/.test(arg) && options[arg.slice(2)]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '') ? `${arg}=${argv[i + 1]}` : arg],
  );
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
}

/** Runs a subcommand body, mapping usage errors to exit code 2 with the message on stderr. */
export async function withUsage(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`spl-harness: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * Why `root` cannot be a content root (it does not exist, is not a directory, or has no
 * detections/ folder), or undefined when it can. A mistyped --content must not pass as "0 tests".
 */
export function missingContentRoot(root: string): string | undefined {
  if (!existsSync(root)) return `content directory not found: ${root}`;
  if (!statSync(root).isDirectory()) return `--content is not a directory: ${root}`;
  if (!existsSync(join(root, 'detections'))) return `no detections/ folder under ${root} (expected the security_content layout)`;
  return undefined;
}
