import { crossingPoint, mrnCheckCharacter } from '@uamd/domain';
import { type Rng } from '../prng';
import { patched } from './feed-events';
import { type MessageFault, notTaken } from './message-faults';

const MINUTE = 60_000;

/** TC-FIELD-1: a read names a lane its side of the post does not have; its camera stays. */
export const UNKNOWN_LANE: MessageFault = {
  what: 'reads',
  takes: (event) => event.type === 'PlateRead',
  change: (e) => {
    if (e.event.type !== 'PlateRead') notTaken(e);
    const { country, crossingPoint: post } = e.event.data;
    const lanes = crossingPoint(post).sides[country].lanes;
    let n = lanes.length + 1;
    while (lanes.includes(`L${n}`)) n++;
    return patched(e, e.event, { laneId: `L${n}` });
  },
};

/** TC-FIELD-3: the MRN's check character is another digit than ISO 6346 gives. */
export const WRONG_MRN_CHECK: MessageFault = {
  what: 'declarations',
  takes: (event) => event.type === 'CustomsDeclaration',
  change: (e, rng) => {
    if (e.event.type !== 'CustomsDeclaration') notTaken(e);
    const { mrn } = e.event.data;
    const right = Number(mrnCheckCharacter(mrn.slice(0, 17)));
    const wrong = (right + rng.int(1, 9)) % 10;
    return patched(e, e.event, { mrn: `${mrn.slice(0, 17)}${wrong}` });
  },
};

/** TC-FIELD-4: one goods line, drawn, gets one fault, drawn. */
export const BAD_GOODS: MessageFault = {
  what: 'declarations with goods',
  takes: (event) => event.type === 'CustomsDeclaration' && event.data.goods.length > 0,
  change: (e, rng) => {
    if (e.event.type !== 'CustomsDeclaration') notTaken(e);
    const goods = e.event.data.goods.map((g) => ({ ...g, value: { ...g.value } }));
    const line = goods[rng.int(0, goods.length - 1)]!;
    breakLine(line, rng);
    return patched(e, e.event, { goods });
  },
};

type GoodsLine = {
  hsCode: string;
  grossMassKg: number;
  value: { amount: number; currency: string };
};

function breakLine(line: GoodsLine, rng: Rng): void {
  switch (rng.int(0, 3)) {
    case 0:
      line.hsCode = line.hsCode.slice(0, 5);
      break;
    case 1:
      line.grossMassKg = 0;
      break;
    case 2:
      line.value.amount = -Math.max(1, line.value.amount);
      break;
    default:
      line.value.currency = line.value.currency.toLowerCase();
  }
}

/** TC-FIELD-5: a read stamped `aheadSeconds` after its delivery. */
export function captureAhead(aheadSeconds: number): MessageFault {
  return {
    what: 'reads',
    takes: (event) => event.type === 'PlateRead',
    change: (e) => {
      if (e.event.type !== 'PlateRead') notTaken(e);
      return patched(e, e.event, { captureTime: e.deliverAt + Math.round(aheadSeconds * 1000) });
    },
  };
}

/** TC-DECL-1: a released declaration's release set `minutes` before its lodgement. */
export function releasedBefore(minutes: number): MessageFault {
  return {
    what: 'declarations with a release',
    takes: (event) => event.type === 'CustomsDeclaration' && event.data.releasedAt !== null,
    change: (e) => {
      if (e.event.type !== 'CustomsDeclaration') notTaken(e);
      return patched(e, e.event, {
        releasedAt: e.event.data.lodgedAt - Math.round(minutes * MINUTE),
      });
    },
  };
}
