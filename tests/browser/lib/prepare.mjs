// Prepares the data folder that run.sh shares (as a template) between the
// test files, and prints its path.
import {PrepareDataDir} from './server.mjs';

process.stdout.write(`${PrepareDataDir()}\n`);
