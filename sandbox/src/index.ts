// Entry of dist/sandbox.js, loaded by the extension on "Prior Auth: Start Local Sandbox".

export { startSandbox, type Sandbox, type SandboxOptions } from './server';
