#!/usr/bin/env node
// The `nomad-shim` CLI; compiled from collectors-shim/cli.ts by `npm run build`.
import '../dist/collectors-shim/cli.js';
