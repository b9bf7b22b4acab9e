// Which endpoint a document goes to: X12 by its guide (ST03/GS08), JSON by the body's shape.

import { scan } from '../../../server/src/x12/scanner';
import { elementValue } from '../../../server/src/x12/segments';
import { guessRequestKind } from '../../../server/src/convert/guess';
import { ownEntriesOnly } from '../../../server/src/guide/ownEntries';

export type Endpoint = 'inquiry' | 'submission' | 'noa';

export const ENDPOINT_LABELS: Record<Endpoint, string> = { inquiry: 'Inquiry', submission: 'Submission', noa: 'Notice of Admission' };

const BY_VERSION: Record<string, Endpoint> = ownEntriesOnly({ '005010X215': 'inquiry', '005010X217': 'submission', '005010X216': 'noa' });

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

/** The endpoint a JSON body looks written for (the converter's guess from its fields and sandbox selectors), or
 * undefined when its shape does not tell (the user is asked). */
export function endpointForJson(body: unknown): Endpoint | undefined {
  return guessRequestKind(body);
}
