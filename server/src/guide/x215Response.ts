// 005010X215 inquiry response (BHT02 11 or 49): shared/reference/x12-278-structure.md §5. Reconstructed from Optum's
// canned response and one TR3-style example, so the guide is inferred (confidence 'I'). It mirrors the X217 response
// (§3) with the differences those samples show:
// - 2000E UM is situational, and UM02 too (Optum's response has no UM; the other example has UM without UM02);
// - 2000E may carry DTP 881 (request date);
// - BHT02 11 (VistA) or 49 (both samples); BHT06 seen as RD.
// AAA rows (present at the same places as in X217) and their code subsets are the X217 ones.

import { bht, dtp, s, se, st, umEventResponse } from './shared';
import type { Guide, GuideLevel, GuideSegment } from './types';
import { X217_RESPONSE } from './x217Response';

const eventSegments = (x217: readonly GuideSegment[]): GuideSegment[] => {
  const out: GuideSegment[] = [];
  for (const seg of x217) {
    if (seg.id === 'UM') {
      out.push(umEventResponse('S', 'S'));
    } else {
      out.push(seg);
      if (seg.id === 'DTP' && seg.qualifier?.[0] === '007') out.push(dtp('881', 'Request Date', ['D8']));
    }
  }
  return out;
};

const LEVELS: readonly GuideLevel[] = X217_RESPONSE.levels.map((lvl) =>
  lvl.level === 'EV' ? { ...lvl, segments: eventSegments(lvl.segments) } : lvl,
);

export const X215_RESPONSE: Guide = {
  id: '005010X215',
  variant: 'response',
  name: 'Prior authorization inquiry response (X215)',
  bht02: ['11', '49'],
  header: [st('005010X215'), bht(['11', '49'], s(['18', '19', 'RD']))],
  levels: LEVELS,
  trailer: se(),
  confidence: 'I',
  requiredLevels: ['20'],
  levelMax: { '20': 1, '21': 1, '22': 1, '23': 1 },
};
