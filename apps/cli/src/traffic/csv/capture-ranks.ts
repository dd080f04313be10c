/** A growable column of doubles: 8 bytes a value, no object per value. */
class Doubles {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Each camera's reads numbered 0, 1, 2… in capture order (docs/design.md §3), for a file
 * delivered in another order (`delivered_at` without `sequence`): one pass notes each read's
 * capture time, in file order, the next pass takes each read's number in the same order.
 * Rows captured at the same instant keep their file order. What is held is 8 bytes per read
 * while noting and 4 once numbered: ranking a read needs every capture of its camera.
 */
export class CaptureRanks {
  private readonly captures = new Map<string, Doubles>();
  private ranks: Map<string, { numbers: Int32Array; next: number }> | undefined;

  note(cameraId: string, captureTime: number): void {
    if (this.ranks) throw new Error('CaptureRanks: noted after numbering began');
    let column = this.captures.get(cameraId);
    if (!column) this.captures.set(cameraId, (column = new Doubles()));
    column.push(captureTime);
  }

  /** The number of the camera's next read in file order. */
  next(cameraId: string): number {
    this.ranks ??= this.ranked();
    const camera = this.ranks.get(cameraId);
    if (!camera || camera.next >= camera.numbers.length)
      throw new Error(`CaptureRanks: camera ${cameraId} has no read left to number`);
    return camera.numbers[camera.next++]!;
  }

  private ranked(): Map<string, { numbers: Int32Array; next: number }> {
    const out = new Map<string, { numbers: Int32Array; next: number }>();
    for (const [cameraId, column] of this.captures) {
      const times = column.values;
      const order = new Int32Array(times.length);
      for (let i = 0; i < order.length; i++) order[i] = i;
      order.sort((a, b) => times[a]! - times[b]! || a - b);
      const numbers = new Int32Array(times.length);
      order.forEach((index, rank) => (numbers[index] = rank));
      out.set(cameraId, { numbers, next: 0 });
    }
    this.captures.clear();
    return out;
  }
}
