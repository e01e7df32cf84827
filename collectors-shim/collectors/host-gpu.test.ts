import { describe, expect, it } from 'vitest';
import { gpuCollector } from './host-gpu.ts';
import { fakeExec, fixtureText, realContext } from './host-testing.ts';

describe('gpu collector', () => {
  it('degrades to an error when nvidia-smi is missing (this machine has no GPU)', async () => {
    const r = await gpuCollector({ command: 'nvidia-smi', format: 'csv' }).collect(realContext());
    expect(r.points).toEqual([]);
    expect(r.error).toMatch(/nvidia-smi.*ENOENT/);
  });

  it('asks for its field list in CSV and parses the answer by header', async () => {
    const exec = fakeExec({});
    const stdout = fixtureText('nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-l40s-idle.csv');
    const answering = Object.assign(
      async (cmd: string, args: string[]) => (
        await exec(cmd, args, { timeoutMs: 1 }),
        { ok: true, stdout, stderr: '', code: 0 }
      ),
      { calls: exec.calls },
    );
    const r = await gpuCollector({ command: 'nvidia-smi', format: 'csv' }).collect(realContext({ exec: answering }));
    expect(exec.calls[0]).toMatch(/^nvidia-smi --query-gpu=index,uuid,name,.* --format=csv$/);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.tags).toMatchObject({ host: 'h1', cluster: 'c1', name: 'NVIDIA L40S' });
  });

  it('keeps a failed run with no output as the error, not as points', async () => {
    const exec = fakeExec({
      'nvidia-smi -q -x': {
        ok: false,
        code: 9,
        failure: 'exit',
        message: 'nvidia-smi exited 9: NVIDIA-SMI has failed',
      },
    });
    const r = await gpuCollector({ command: 'nvidia-smi', format: 'xml' }).collect(realContext({ exec }));
    expect(r).toEqual({ points: [], problems: [], error: 'nvidia-smi exited 9: NVIDIA-SMI has failed' });
  });
});
