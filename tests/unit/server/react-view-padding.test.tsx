import { PassThrough, type Transform } from "node:stream";
import { createElement, Fragment } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { createViewPaddingFilter, REACT_VIEW_SIZE, trimViewPadding } from "~/utils/react-view-padding.server";

// A page like ours: many short runs of Chinese text, so 3-byte characters keep crossing the
// renderer's 2048-byte view boundary.
function page(rows: number) {
  return createElement(
    "ul",
    null,
    Array.from({ length: rows }, (_, index) =>
      createElement(
        "li",
        { key: index, title: `航天员${index}号` },
        createElement(Fragment, null, `国际运费${index}`, createElement("b", null, "到手价"), "¥", String(index)),
      ),
    ),
  );
}

async function streamBytes(element: ReturnType<typeof page>, sink: PassThrough | Transform): Promise<Buffer> {
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        pipe(sink);
      },
      onError: reject,
    });
    sink.on("end", resolve);
  });
  return Buffer.concat(chunks);
}

describe("React 18.3's NUL padding", () => {
  test("the plain stream really carries NUL bytes (the bug this works around is present)", async () => {
    const bytes = await streamBytes(page(400), new PassThrough());
    expect(bytes.includes(0)).toBe(true);
  });

  test("through the filter the page is valid UTF-8 without NUL and equals renderToString's", async () => {
    for (const rows of [1, 37, 400, 1500]) {
      const bytes = await streamBytes(page(rows), createViewPaddingFilter());
      expect(bytes.includes(0)).toBe(false);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      expect(text).toBe(renderToString(page(rows)));
    }
  });

  test("only a full view's last 1–3 NUL bytes are trimmed", () => {
    const padded = new Uint8Array(REACT_VIEW_SIZE).fill(65);
    padded.fill(0, REACT_VIEW_SIZE - 2);
    expect(trimViewPadding(padded).byteLength).toBe(REACT_VIEW_SIZE - 2);
    const full = new Uint8Array(REACT_VIEW_SIZE).fill(65);
    expect(trimViewPadding(full)).toBe(full);
    const short = new Uint8Array([65, 0, 0]);
    expect(trimViewPadding(short)).toBe(short);
    const fourZeros = new Uint8Array(REACT_VIEW_SIZE).fill(65);
    fourZeros.fill(0, REACT_VIEW_SIZE - 4);
    expect(trimViewPadding(fourZeros).byteLength).toBe(REACT_VIEW_SIZE - 3);
  });
});
