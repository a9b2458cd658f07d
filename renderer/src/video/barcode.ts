// The latency barcode tests/tools/rtsp-cameras.py draws in every frame: the sender's wall clock in ms, low
// 40 bits, MSB first, one 32 × 32 px black/white square per bit on rows y = 32..64 of a 1280 px wide frame.
// Reading it back from the frame on screen and comparing with the clock gives glass-to-glass latency.

const BITS = 40;
const BIT_PX = 32;
const ROW_Y = 48; // the middle of the bar
const FRAME_WIDTH = 1280;
const MODULUS = 2 ** BITS;
/** Samples between these levels are neither black nor white: not a barcode (a camera without one, a blurred frame). */
const DARK_MAX = 80;
const BRIGHT_MIN = 176;

/** The row (in video pixels) to read for a frame `videoWidth` wide. */
export function barcodeRow(videoWidth: number): number {
  return Math.round(ROW_Y * (videoWidth / FRAME_WIDTH));
}

/** Decodes one RGBA pixel row (`videoWidth` pixels) of the barcode; null when the row is no barcode. */
export function readBarcode(rgba: ArrayLike<number>, videoWidth: number): number | null {
  const scale = videoWidth / FRAME_WIDTH;
  let value = 0;
  for (let bit = 0; bit < BITS; bit++) {
    const x = Math.floor((bit * BIT_PX + BIT_PX / 2) * scale);
    const i = x * 4;
    if (i + 2 >= rgba.length) return null;
    const luma = (rgba[i]! + rgba[i + 1]! + rgba[i + 2]!) / 3;
    if (luma > DARK_MAX && luma < BRIGHT_MIN) return null;
    // 40 bits overflow JavaScript's 32-bit bitwise operators: build the number arithmetically.
    value = value * 2 + (luma >= BRIGHT_MIN ? 1 : 0);
  }
  return value;
}

/** Milliseconds from the barcode's send time to `nowMs`, both taken modulo 2^40 as the sender does. */
export function barcodeLatencyMs(barcode: number, nowMs: number): number {
  const diff = (((nowMs % MODULUS) - barcode) % MODULUS + MODULUS) % MODULUS;
  return diff >= MODULUS / 2 ? diff - MODULUS : diff;
}
