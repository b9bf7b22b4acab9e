// Which JSON documents the language server reads: Optum request bodies by name, PAS documents by name (*.pas.json) or
// by content (a Da Vinci PAS canonical, as meta.profile names one). Shared by activation and the language client; the
// server decides what a document it is sent really is (server/src/features/jsonDocument.ts).

export const JSON_REQUEST_NAME = /\.(278|inquiry|submission|noa)\.json$/i;
export const PAS_NAME = /\.pas\.json$/i;
const PAS_CANONICAL = 'hl7.org/fhir/us/davinci-pas/StructureDefinition/';

export function isServedJson(path: string, text: string): boolean {
  return JSON_REQUEST_NAME.test(path) || PAS_NAME.test(path) || text.includes(PAS_CANONICAL);
}

/** A PAS document (the status bar then shows the PAS environment). */
export function isPasJson(path: string, text: string): boolean {
  return PAS_NAME.test(path) || text.includes(PAS_CANONICAL);
}
