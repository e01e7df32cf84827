// Config of the SLURM collectors ([collectors.<name>] in nomad.toml). Owned by the SLURM collectors.
import { z } from 'zod';

export const slurmCollectorsSchema = z.object({});
