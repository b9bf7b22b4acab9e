// All guide variants the validator knows, and the lookup from (ST03/GS08 version, BHT02) to a variant.

import type { Guide } from './types';
import { X215_REQUEST } from './x215Request';
import { X215_RESPONSE } from './x215Response';
import { X216_NOTIFICATION } from './x216Notification';
import { X216_RESPONSE } from './x216Response';
import { X217_REQUEST } from './x217Request';
import { X217_RESPONSE } from './x217Response';

export const GUIDES: readonly Guide[] = [X217_REQUEST, X217_RESPONSE, X215_REQUEST, X215_RESPONSE, X216_NOTIFICATION, X216_RESPONSE];

/**
 * The guide variant for an exact version string (e.g. "005010X217") and BHT02 value; undefined when the version is
 * unknown or none of its variants accepts that BHT02.
 */
export function findGuide(version: string, bht02: string): Guide | undefined {
  // A loop, not find(): this runs once per transaction of a batch, and the closure would cost an allocation each time.
  for (let i = 0; i < GUIDES.length; i++) if (GUIDES[i].id === version && GUIDES[i].bht02.includes(bht02)) return GUIDES[i];
  return undefined;
}
