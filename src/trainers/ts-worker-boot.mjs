// Starts a TypeScript worker entry when mlreg runs from its sources (tests): registers tsx's
// loader in this worker thread, then imports the entry. Compiled builds never use this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
