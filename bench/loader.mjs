// Registers resolve hooks so Node (with tsx) loads the app's modules as Vite would.
// Use: node --import tsx --import ./bench/loader.mjs bench/run.ts
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
