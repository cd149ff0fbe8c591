// The bench's callers read serve's WebSocket frames as the app's transports do
// (shared/ipc/frames.ts): JSON text, or a binary frame with one long string as UTF-8 beside a
// JSON header. Self-contained so that the page helpers can inline it with toString().
export function decodeFrame(data) {
  if (typeof data === 'string') return JSON.parse(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const dec = new TextDecoder();
  const msg = JSON.parse(dec.decode(bytes.subarray(4, 4 + n)));
  const [slot, ...keys] = msg.bin;
  delete msg.bin;
  let target = msg[slot];
  for (const k of keys.slice(0, -1)) target = target[k];
  target[keys[keys.length - 1]] = dec.decode(bytes.subarray(4 + n));
  return msg;
}
