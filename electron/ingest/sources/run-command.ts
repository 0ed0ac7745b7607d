import { type ChildProcess, spawn } from 'node:child_process';

export interface CommandResult {
  /** Exit status; null when the program was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Scanner discovery over the network can hang; past this the program is killed. */
  timeoutMs: number;
}

/** Runs a short-lived program to completion. Rejects only when it cannot be started. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A program that exits without reading its input closes the pipe under us; the exit status tells what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/**
 * Asks a driver program to stop (scanimage cancels the scan on SIGTERM), then forces it. Node
 * sends nothing to a child that has already exited, so the late SIGKILL is harmless.
 */
export function stopGently(child: ChildProcess, graceMs: number): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
}
