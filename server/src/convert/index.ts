// One JSON ⇄ X12 converter for Optum's Prior Authorization API and the 278 guides, shared by the editor commands,
// JSON diagnostics and the local sandbox. Pure: no editor, protocol or file-system imports; never throws.

export type {
  ConversionIssue, FieldSpan, FieldVacancy, JsonToX12Options, JsonToX12Result, RequestKind, Variant, X12ToJsonResult,
} from './types';
export { jsonToX12 } from './jsonToX12';
export { x12ToJson } from './x12ToJson';
export { guessRequestKind } from './guess';
