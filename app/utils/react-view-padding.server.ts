import { Transform } from "node:stream";

// React 18.3's streaming renderer (react-dom/server, `writeStringChunk`) encodes HTML into a
// 2048-byte view with TextEncoder.encodeInto. When a multi-byte character (every Chinese
// character is 3 bytes) does not fit in what is left of the view, encodeInto stops before it and
// React flushes the WHOLE view, unwritten tail included: 1 to 3 NUL bytes land in the page
// ("国际\0\0运费"). The character itself is then written at the start of the next view, so the
// only thing wrong is that padding. Fixed upstream (facebook/react#26228) in React 19 only.
//
// This trims exactly that padding: a chunk of exactly one view's size whose last 1–3 bytes are
// NUL. Nothing else is touched. NUL never occurs in a UTF-8 encoding of anything but U+0000, which
// no page of ours renders, and a flushed full view that was really full does not end in NUL.

export const REACT_VIEW_SIZE = 2048;
const MAX_PADDING = 3;

export function trimViewPadding(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== REACT_VIEW_SIZE || chunk[REACT_VIEW_SIZE - 1] !== 0) return chunk;
  let end = REACT_VIEW_SIZE;
  while (end > REACT_VIEW_SIZE - MAX_PADDING && chunk[end - 1] === 0) end -= 1;
  return chunk.subarray(0, end);
}

/** Pipe React's stream through this before it reaches the response. */
export function createViewPaddingFilter(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, trimViewPadding(chunk));
    },
  });
}
