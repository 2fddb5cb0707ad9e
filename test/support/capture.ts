import { vi } from 'vitest';

/** Runs a CLI command in-process with its stdout and stderr captured. */
export async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await fn();
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
