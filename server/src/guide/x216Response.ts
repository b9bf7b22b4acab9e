// 005010X216 response (BHT02 11). No source describes the acknowledgment of a notification at segment level (the
// X216 ack in x12-278-structure.md §6 is only partly known), and Optum's own NOA response example is an X217 response
// with the version changed. This variant therefore reuses the X217 response's levels with every entry marked inferred
// (inferredTree; the 278-wide facts keep their mark), so the acknowledgments payers actually send (and the local
// sandbox sends) are read and checked as warnings only.

import { bht, inferredSegments, inferredTree, r, se, st } from './shared';
import type { Guide } from './types';
import { X217_RESPONSE } from './x217Response';

export const X216_RESPONSE: Guide = {
  id: '005010X216',
  variant: 'response',
  name: 'Notice of admission acknowledgment (X216)',
  bht02: ['11'],
  header: inferredSegments([st('005010X216'), bht(['11'], r(['18', '19', 'AT', 'RU']))]),
  levels: X217_RESPONSE.levels.map((l) => inferredTree(l)),
  trailer: se(),
  requiredLevels: X217_RESPONSE.requiredLevels,
  requiredLevelsConfidence: 'I',
  levelMax: X217_RESPONSE.levelMax,
};
