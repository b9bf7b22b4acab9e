// Entry point of the language server: `node dist/server.js --stdio` (or --node-ipc when started by the VS Code client).

import { startServer } from './lsp/startServer';

startServer();
