// How a 278 uses the interchange and functional-group envelope (x12-278.md §2.1–2.2).

import type { GuideSegment } from './types';
import { ownEntriesOnly } from './ownEntries';

export const SUPPORTED_VERSIONS: readonly string[] = ['005010X215', '005010X216', '005010X217'];

export const ISA_USE: GuideSegment = {
  id: 'ISA',
  name: 'Interchange Control Header',
  usage: 'R',
  max: 1,
  position: 0,
  elementsComplete: true,
  elements: {
    1: { usage: 'R', codes: ['00', '03'] },
    2: { usage: 'R' },
    3: { usage: 'R', codes: ['00', '01'] },
    4: { usage: 'R' },
    5: { usage: 'R', codes: ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] },
    6: { usage: 'R' },
    7: { usage: 'R', codes: ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] },
    8: { usage: 'R' },
    9: { usage: 'R' },
    10: { usage: 'R' },
    11: { usage: 'R' },
    12: { usage: 'R', codes: ['00501'] },
    13: { usage: 'R' },
    14: { usage: 'R', codes: ['0', '1'] },
    15: { usage: 'R', codes: ['P', 'T'] },
    16: { usage: 'R' },
  },
};

export const GS_USE: GuideSegment = {
  id: 'GS',
  name: 'Functional Group Header',
  usage: 'R',
  max: 1,
  position: 0,
  elementsComplete: true,
  elements: {
    1: { usage: 'R', codes: ['HI'] },
    2: { usage: 'R' },
    3: { usage: 'R' },
    4: { usage: 'R' },
    5: { usage: 'R' },
    6: { usage: 'R' },
    7: { usage: 'R', codes: ['X'] },
    8: { usage: 'R', codes: SUPPORTED_VERSIONS },
  },
};

export const GE_USE: GuideSegment = {
  id: 'GE',
  name: 'Functional Group Trailer',
  usage: 'R',
  max: 1,
  position: 0,
  elementsComplete: true,
  elements: { 1: { usage: 'R' }, 2: { usage: 'R' } },
};

export const IEA_USE: GuideSegment = {
  id: 'IEA',
  name: 'Interchange Control Trailer',
  usage: 'R',
  max: 1,
  position: 0,
  elementsComplete: true,
  elements: { 1: { usage: 'R' }, 2: { usage: 'R' } },
};

export const ENVELOPE_USES: Readonly<Record<string, GuideSegment>> = { ISA: ISA_USE, GS: GS_USE, GE: GE_USE, IEA: IEA_USE };

ownEntriesOnly(ENVELOPE_USES);
