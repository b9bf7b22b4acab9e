// Base X12 5010 composite data elements used by the 278 segments in segments.ts.

import type { CompositeDef } from './types';

export const COMPOSITES: Readonly<Record<string, CompositeDef>> = {
  C002: { number: 'C002', name: 'Actions Indicated', components: ['704', '704', '704', '704', '704'] },
  C003: {
    number: 'C003',
    name: 'Composite Medical Procedure Identifier',
    components: ['235', '234', '1339', '1339', '1339', '1339', '352', '234'],
  },
  C004: { number: 'C004', name: 'Composite Diagnosis Code Pointer', components: ['1328', '1328', '1328', '1328'] },
  C005: { number: 'C005', name: 'Tooth Surface', components: ['1369', '1369', '1369', '1369', '1369'] },
  C006: { number: 'C006', name: 'Oral Cavity Designation', components: ['1361', '1361', '1361', '1361', '1361'] },
  C022: {
    number: 'C022',
    name: 'Health Care Code Information',
    components: ['1270', '1271', '1250', '1251', '782', '380', '799', '1271', '1073'],
  },
  C023: { number: 'C023', name: 'Health Care Service Location Information', components: ['1331', '1332', '1325'] },
  C024: { number: 'C024', name: 'Related Causes Information', components: ['1362', '1362', '1362', '156', '26'] },
  C035: { number: 'C035', name: 'Provider Specialty Information', components: ['1222', '559', '1073'] },
  C040: { number: 'C040', name: 'Reference Identifier', components: ['128', '127', '128', '127', '128', '127'] },
  // C052 (INS06) and C056 (DMG05) are not used by any 278 guide but sit at base positions the segments list.
  C052: { number: 'C052', name: 'Medicare Status Code', components: ['1218', '1701', '1701', '1701'] },
  C056: { number: 'C056', name: 'Composite Race or Ethnicity Information', components: ['1109', '1270', '1271'] },
};
