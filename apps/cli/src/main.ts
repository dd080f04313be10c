import 'reflect-metadata';
import { Command } from 'commander';
import { registerEvaluate } from './evaluate/evaluate.command';
import { registerSimulate } from './simulate/simulate.command';
import { registerTraffic } from './traffic/traffic.commands';

/** One command line for the jobs users come for (DESIGN.md §7). */
const program = new Command('uamd')
  .description('UA–MD customs data-exchange simulator')
  .showHelpAfterError();
registerSimulate(program);
registerEvaluate(program);
registerTraffic(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
