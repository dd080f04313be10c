#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { registerConformance } from './conformance/conformance.command';
import { registerMrn } from './declarations/mrn.command';
import { registerEvaluate } from './evaluate/evaluate.command';
import { registerLatency } from './latency/latency.command';
import { registerSimulate } from './simulate/simulate.command';
import { applyStackFor, registerStack } from './stack/stack.command';
import { registerTail } from './tail/tail.command';
import { registerTraffic } from './traffic/traffic.commands';

/** One command line for the jobs users come for (docs/design.md §7). */
const program = new Command('uamd')
  .description('UA–MD customs data-exchange simulator')
  .showHelpAfterError()
  .hook('preAction', (_program, command) => applyStackFor(command.name()));
registerSimulate(program);
registerEvaluate(program);
registerLatency(program);
registerConformance(program);
registerTraffic(program);
registerStack(program);
registerTail(program);
registerMrn(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
