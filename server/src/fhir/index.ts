// TEMPORARY STUB on branch i16b only, replaced by i16a's FHIR core when it lands on main. Never landed.
import type { ElementInfo, FhirAnalysis, FhirLocation, FhirOptions, PasDocumentInfo } from './api';

export * from './api';

export function detectPas(_text: string, _options: FhirOptions): PasDocumentInfo | undefined {
  return undefined;
}
export function analyzeFhirDocument(text: string, options: FhirOptions): FhirAnalysis {
  return { text, pas: detectPas(text, options), problems: [] };
}
export function locateFhir(_analysis: FhirAnalysis, _offset: number): FhirLocation | undefined {
  return undefined;
}
export function childElementsAt(_analysis: FhirAnalysis, _offset: number): readonly ElementInfo[] {
  return [];
}
