/**
 * Process creation (Security 4688) as the Windows add-on computes it, shared by the XML and the
 * classic rendering: the two name the program path differently (`NewProcessName` vs
 * `New_Process_Name`) but derive `process` from the command line the same way.
 */
import type { Cond, Expr } from '../transforms.js';

const f = (field: string) => ({ field });
const PROGRAM_AND_ARGUMENTS = '^("[^"]+"|[^\\s]+)\\s*([\\s\\S]*)$';

/** The command line split into the program as written and its arguments. */
export const commandLineParts = {
  process_command_line_process: { regex: f('Process_Command_Line'), pattern: PROGRAM_AND_ARGUMENTS, group: 1 },
  process_command_line_arguments: { regex: f('Process_Command_Line'), pattern: PROGRAM_AND_ARGUMENTS, group: 2 },
} satisfies Record<string, Expr>;

/**
 * 4688 `process`: the full command line when it names the program by path, else the program
 * path (quoted when it holds a space) followed by the arguments, else the program path alone.
 * Other events take `otherwise`.
 */
export function process4688(is4688: Cond, programField: string, otherwise: Expr): Expr {
  const program = f(programField);
  return {
    if: is4688,
    then: {
      coalesce: [
        {
          if: { field: 'process_command_line_process', eq: '*\\*' },
          then: f('Process_Command_Line'),
          else: {
            concat: [
              { if: { field: programField, eq: '* *' }, then: { concat: [{ const: '"' }, program, { const: '"' }] }, else: program },
              { const: ' ' },
              f('process_command_line_arguments'),
            ],
          },
        },
        program,
      ],
    },
    else: otherwise,
  };
}

/** 4688 `user`: the creator (`src_user`) when the event names no target user ("-" or none). */
export function user4688(is4688: Cond): Expr {
  return {
    if: {
      all: [
        is4688,
        {
          any: [
            { field: 'user', eq: '-' },
            { field: 'user', exists: false },
          ],
        },
      ],
    },
    then: f('src_user'),
    else: f('user'),
  };
}
