// The X12 278 language client, bundled as its own chunk (dist/languageClient.js) and loaded when the first X12, JSON
// request or PAS document opens, so commands that only talk to the API do not pay for it.

import type { ExtensionContext, TextDocument } from 'vscode';
import { DidOpenTextDocumentNotification, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { isServedJson } from './servedDocuments';

export const JSON_REQUEST_PATTERN = '**/*.{278,inquiry,submission,noa}.json';

export async function startLanguageClient(context: ExtensionContext): Promise<{ stop(): Promise<void> }> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // PAS documents are known by content (meta.profile), which a document selector cannot express: the client selects
  // every JSON document but sends the server only request bodies and PAS documents, and a JSON document the moment an
  // edit makes it one. The server answers features for documents it was not sent with nothing.
  const sent = new Set<string>();
  const wanted = (doc: TextDocument) => doc.languageId === 'x12' || isServedJson(doc.uri.path, doc.getText());
  let client: LanguageClient;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'x12' }, { language: 'json' }],
    synchronize: { configurationSection: 'priorAuth' },
    middleware: {
      didOpen: async (doc, next) => {
        if (!wanted(doc)) return;
        sent.add(doc.uri.toString());
        await next(doc);
      },
      didChange: async (event, next) => {
        const uri = event.document.uri.toString();
        if (sent.has(uri)) return next(event);
        if (!wanted(event.document)) return;
        sent.add(uri);
        await client.sendNotification(DidOpenTextDocumentNotification.type, client.code2ProtocolConverter.asOpenTextDocumentParams(event.document));
      },
      didClose: async (doc, next) => {
        if (sent.delete(doc.uri.toString())) await next(doc);
      },
    },
  };
  client = new LanguageClient('x12-278', 'X12 278', serverOptions, clientOptions);
  await client.start();
  return client;
}
