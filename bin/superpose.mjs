#!/usr/bin/env node
// The `superpose` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

// A closed pipe (superpose … | head) is a normal way to stop reading, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
