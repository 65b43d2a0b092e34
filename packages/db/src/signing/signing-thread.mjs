// Entry of a signing thread: registers tsx's loader in this thread (a worker does not inherit the
// hooks of the thread that starts it), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./signing-worker.ts');
