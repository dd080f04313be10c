import {
  type InputEvent,
  type InputEventType,
  type OutputEvent,
  type OutputEventType,
} from '@uamd/domain';

/** Everything the codec puts on or takes off the wire. */
export type CodecEvent = InputEvent | OutputEvent;
export type CodecEventType = CodecEvent['type'];

// `Record<Union, true>` literals fail to compile when the domain adds or drops an event type.
const INPUT_TYPES: Record<InputEventType, true> = {
  PlateRead: true,
  CameraHeartbeat: true,
  CustomsDeclaration: true,
  DeclarationHeartbeat: true,
};
const OUTPUT_TYPES: Record<OutputEventType, true> = {
  CrossingMatched: true,
  CrossingOverdue: true,
  CrossingDiscrepancy: true,
  FeedStale: true,
};

export function isInputEventType(type: string): type is InputEventType {
  return Object.prototype.hasOwnProperty.call(INPUT_TYPES, type);
}

export function isOutputEventType(type: string): type is OutputEventType {
  return Object.prototype.hasOwnProperty.call(OUTPUT_TYPES, type);
}

export function isCodecEventType(type: string): type is CodecEventType {
  return isInputEventType(type) || isOutputEventType(type);
}

export function isInputEvent(event: CodecEvent): event is InputEvent {
  return isInputEventType(event.type);
}

export function isOutputEvent(event: CodecEvent): event is OutputEvent {
  return isOutputEventType(event.type);
}

/** The union `type` is the Avro record's short name: `uamd.exchange.PlateRead` → `PlateRead`. */
export function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
