import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** What the SLURM prolog and epilog hooks post (collectors-shim/hooks/nomad-hook.sh). */
export const jobEventSchema = z
  .object({
    event: z.enum(['prolog', 'epilog', 'prolog_slurmctld', 'epilog_slurmctld']),
    job_id: z.string().regex(/^\d+(_\d+)?$/, 'a Slurm job id such as 123 or 123_4'),
    array_job_id: z.string().regex(/^\d*$/).optional(),
    array_task_id: z.string().regex(/^\d*$/).optional(),
    user: text(256).optional(),
    uid: z.coerce.number().int().nonnegative().optional(),
    account: text(256).optional(),
    partition: text(256).optional(),
    cluster: text(256).optional(),
    job_name: text(4096).optional(),
    num_nodes: z.coerce.number().int().nonnegative().optional(),
    nodes: text(65536).optional(),
    /** The node (or controller) where the hook ran. */
    host: text(256),
    /** Epilogs only: SLURM_JOB_EXIT_CODE as Slurm gives it. The job's final state comes from sacct. */
    exit_code: z.coerce.number().int().optional(),
    /** When the hook ran, epoch seconds (with fraction). */
    at: z.number().positive(),
  })
  .strict();
export type JobEvent = z.infer<typeof jobEventSchema>;

export const ingestResultSchema = z.object({ ok: z.literal(true), written: z.number() });
