#!/usr/bin/env node
// The `nomad` CLI; compiled from wrangler-free-local/cli/main.ts by `npm run build`.
import '../dist/wrangler-free-local/cli/main.js';
