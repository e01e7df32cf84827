import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesCollector } from './host-services.ts';
import { realContext } from './host-testing.ts';

// A real process with a unique argv[0], so the check cannot be satisfied by anything else on the machine.
const NAME = `nomad-svc-${process.pid}`;
let child: ChildProcess;

beforeAll(async () => {
  child = spawn('bash', ['-c', `exec -a ${NAME} sleep 60`], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(() => void child.kill('SIGKILL'));

describe('services collector, by process presence (this machine has no systemd)', () => {
  it('finds a running process by argv[0] and reports an absent one as down', async () => {
    const r = await servicesCollector({ units: [], processes: [NAME, `${NAME}-absent`], mode: 'process' }).collect(
      realContext(),
    );
    expect(r.error).toBeUndefined();
    expect(r.points.map((p) => [p.tags?.service, p.tags?.check, p.fields.up, p.fields.processes])).toEqual([
      [NAME, 'process', true, { int: 1 }],
      [`${NAME}-absent`, 'process', false, { int: 0 }],
    ]);
  });

  it('in auto mode without systemd, checks units as process names (x.service → x)', async () => {
    const r = await servicesCollector({ units: [`${NAME}.service`], processes: [], mode: 'auto' }).collect(
      realContext(),
    );
    expect(r.points[0]?.tags).toMatchObject({ service: NAME, check: 'process' });
    expect(r.points[0]?.fields.up).toBe(true);
  });

  it('degrades to an error, never a throw, when systemd is forced but not running', async () => {
    const r = await servicesCollector({ units: ['ssh.service'], processes: [], mode: 'systemd' }).collect(
      realContext(),
    );
    expect(r.points).toEqual([]);
    expect(r.error).toMatch(/systemctl/);
  });

  it('degrades to an error when /proc cannot be read', async () => {
    const r = await servicesCollector({
      units: [],
      processes: ['x'],
      mode: 'process',
      procDir: '/nonexistent',
    }).collect(realContext());
    expect(r.error).toContain('cannot list processes');
  });
});
