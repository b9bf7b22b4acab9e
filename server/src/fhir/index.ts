// The FHIR (Da Vinci PAS) core: what features, LSP wiring and the CLI call. Pure: no VS Code or LSP imports,
// never throws, offsets in UTF-16 code units.

export type { ElementInfo, FhirAnalysis, FhirLocation, FhirOptions, FhirTextChange, PasDocumentInfo, PasVersion } from './api';
export { analyzeFhirDocument, reanalyzeFhirDocument } from './analysis';
export { detectPas, isPasFileName } from './detect';
export { childElementsAt, locateFhir } from './locate';
export { x12CodeMeaning, x12ElementName, x12FromValueSetUrl } from './x12Codes';
export { FHIR_CATALOG, type FhirProblemCode } from '../problems/fhirCatalog';
export { fhirDataDirectory, setFhirDataDirectory } from './packages/load';
