#!/usr/bin/env node
// Entry point of the `packpilot` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const entry = fileURLToPath(new URL('./packpilot.ts', import.meta.url));
process.argv[1] = entry;
await import(entry);
