// Config of the node, license and storage collectors ([collectors.<name>] in nomad.toml).
import { z } from 'zod';

export const hostCollectorsSchema = z.object({});
