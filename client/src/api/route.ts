// Which endpoint a document goes to: X12 by its guide (ST03/GS08), JSON by the body's shape.

import { scan } from '../../../server/src/x12/scanner';
import { elementValue } from '../../../server/src/x12/segments';

export type Endpoint = 'inquiry' | 'submission' | 'noa';

export const ENDPOINT_LABELS: Record<Endpoint, string> = { inquiry: 'Inquiry', submission: 'Submission', noa: 'Notice of Admission' };

const BY_VERSION: Record<string, Endpoint> = { '005010X215': 'inquiry', '005010X217': 'submission', '005010X216': 'noa' };

/** The endpoint for an X12 278 from ST03 (or GS08), or undefined when it names no guide Optum takes. */
export function endpointForX12(text: string): Endpoint | undefined {
  const { table } = scan(text);
  let gs08 = '';
  for (let s = 0; s < table.segmentCount; s++) {
    const id = table.ids[s];
    if (id === 'GS') gs08 = elementValue(table, s, 8);
    if (id === 'ST') return BY_VERSION[elementValue(table, s, 3) || gs08];
  }
  return BY_VERSION[gs08];
}

/** Fields only a submission (X217) body has, per Optum's schemas. */
const SUBMISSION_ONLY = ['genderCode', 'insuredIndicator', 'relationshipToInsuredCode', 'admissionToFacility', 'ambulanceTransport', 'homeHealth', 'homeOxygenTherapyInformation', 'spinalManipulation', 'diagnosisTypeCode1', 'diagnosisCode1', 'attachments', 'patientEventTransportInformation', 'patientEventOtherUmoName', 'levelOfServiceCode'];
/** Fields only an inquiry (X215) body has. */
const INQUIRY_ONLY = ['certificationActionCode', 'certificationIssueDateBegin', 'certificationEffectiveDateBegin', 'certificationExpirationDateBegin', 'diagnosisCode', 'diagnosisTypeCode'];

function hasAnyKey(value: unknown, keys: readonly string[], depth = 0): boolean {
  if (!value || typeof value !== 'object' || depth > 6) return false;
  if (Array.isArray(value)) return value.some((v) => hasAnyKey(v, keys, depth + 1));
  return Object.entries(value).some(([k, v]) => keys.includes(k) || hasAnyKey(v, keys, depth + 1));
}

/** The endpoint a JSON body looks written for, or undefined when its shape does not tell (the user is asked). */
export function endpointForJson(body: unknown): Endpoint | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const top = body as Record<string, unknown>;
  if ('source' in top || top.umClearingHouseId === 'IMNDIRECT') return 'noa';
  const submission = hasAnyKey(body, SUBMISSION_ONLY);
  const inquiry = hasAnyKey(body, INQUIRY_ONLY);
  if (submission && !inquiry) return 'submission';
  if (inquiry && !submission) return 'inquiry';
  return undefined;
}
