import { createLogger } from '@uamd/logging';

/** The reconciler's log: JSON lines (libs/logging), shared by Nest (nestjs-pino) and the runtime. */
export const reconcilerLogger = createLogger('reconciler');
