// Placeholder until this subcommand lands; replaced by its owner.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('spl-harness parse: not implemented yet\n');
  return 2;
}
