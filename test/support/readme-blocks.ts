import { readFileSync } from 'node:fs';

/** A fenced shell example of the README, with where it starts (1-based line of its opening fence). */
export interface ShellBlock {
  line: number;
  script: string;
  /** Set when the fence says `sh norun:<reason>`: shown in the README, not executed here. */
  notRun?: string;
}

/**
 * Why an example may stay unexecuted; anything else is a mistake in the README. `docker` needs a
 * Docker engine, `self` is the test suite or the demo themselves (CI runs them), `external` names
 * the user's own Kafka hosts, `long` takes many minutes at full scale.
 */
export const NOT_RUN_REASONS = ['docker', 'self', 'external', 'long'] as const;

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);
const FENCE = /^```(\S*)[ \t]*(.*)$/;

export function shellBlocks(file: string): ShellBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${i + 1}: fence never closed`);
    const [, language = '', info = ''] = open;
    if (SHELL_LANGUAGES.has(language)) {
      const notRun = /(?:^|\s)norun:(\S+)/.exec(info)?.[1];
      blocks.push({ line: i + 1, script: lines.slice(i + 1, end).join('\n'), notRun });
    }
    i = end;
  }
  return blocks;
}
