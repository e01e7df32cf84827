import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBin } from '../helpers/cli.ts';

const fixture = (name: string) => join(repoRoot, 'test/fixtures', name);

describe('nomad-shim CLI', () => {
  it('lists its parsers, as a table and as JSON', () => {
    const table = runBin('nomad-shim', ['parsers']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^PARSER\s+COMMAND/);
    const json = JSON.parse(runBin('nomad-shim', ['parsers', '--json']).stdout) as Array<{
      parser: string;
      command: string;
    }>;
    expect(json.find((p) => p.parser === 'df')?.command).toMatch(/df -P -B1 -T/);
  });

  it('prints the line protocol of a captured df output', () => {
    const r = runBin('nomad-shim', ['parse', 'df', fixture('df.jc-ubuntu-18.04.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(18);
    expect(lines[2]).toMatch(
      /^disk,device=\/dev\/sda2,host=\S+,path=\/ total=21000437760i,used=5885980672i,free=14024097792i,used_percent=29\.56\d+ \d+$/,
    );
  });

  it('reports a garbled line on stderr with file and line number, and keeps the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomad-cli-'));
    const file = join(dir, 'df.txt');
    const lines = readFileSync(fixture('df.jc-ubuntu-18.04.txt'), 'utf8').split('\n');
    lines.splice(2, 0, 'garbage here');
    writeFileSync(file, lines.join('\n'));
    const r = runBin('nomad-shim', ['parse', 'df', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${file}:3: not a df row (expected 4 numbers and a mount point): garbage here\n`);
    expect(r.stdout.trim().split('\n')).toHaveLength(18);
  });

  it('exits non-zero when nothing parses, and on an unknown parser', () => {
    const empty = runBin('nomad-shim', ['parse', 'df', '-'], { input: '' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/nothing could be parsed/);
    const unknown = runBin('nomad-shim', ['parse', 'nope', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown parser "nope"; known: df/);
  });

  it('has --help', () => {
    const r = runBin('nomad-shim', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/parse PARSER FILE/);
  });
});
