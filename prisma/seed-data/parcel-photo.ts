import zlib from "node:zlib";

// Real PNG images built byte by byte (8-bit truecolour), with no image library: the demo's warehouse
// photo, so the delivered demo order's timeline shows a picture rather than a broken image, and the
// photos the end-to-end tests upload.

function crc32(bytes: Buffer) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width × height PNG whose pixel at (x, y) is `colour(x, y)` as [r, g, b]. */
export function png(width: number, height: number, colour: (x: number, y: number) => readonly number[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x += 1) rows.push(...colour(x, y));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A kraft-brown parcel with a strip of tape on a pale ground. */
export function parcelPhoto(width = 160, height = 120): Buffer {
  return png(width, height, (x, y) => {
    const edge = x < 12 || x >= width - 12 || y < 12 || y >= height - 12;
    const tape = Math.abs(x - width / 2) < 10 && !edge;
    return edge ? [238, 236, 230] : tape ? [214, 196, 150] : [181, 136, 84];
  });
}
