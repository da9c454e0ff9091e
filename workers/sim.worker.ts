// Browser (module) Web Worker entry: exposes the simulator API over comlink.
import * as Comlink from 'comlink';
import { simulatorApi } from './api.ts';

Comlink.expose(simulatorApi);
