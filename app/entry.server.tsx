import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type AppLoadContext,
  type EntryContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "./utils/i18n-resources";
import { i18next } from "./utils/i18n.server";
import { logger } from "./utils/logger.server";
import { StylesheetTextProvider } from "./utils/inline-stylesheet";
import { NonceProvider } from "./utils/nonce-provider";
import { createViewPaddingFilter } from "./utils/react-view-padding.server";
import { readStylesheetText } from "./utils/stylesheet-text.server";

const ABORT_DELAY = 5_000;

type Context = Partial<{ cspNonce: string; requestId: string }>;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18nConfig, lng });
  const nonce = (loadContext as Context).cspNonce ?? "";

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <StylesheetTextProvider value={readStylesheetText}>
          <I18nextProvider i18n={instance}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </StylesheetTextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          // Not a plain PassThrough: React 18.3 pads some chunks with NUL bytes (see the filter).
          const body = createViewPaddingFilter();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: (loadContext as Context).requestId }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Every server error, logged once with the request's id (the X-Request-Id header the user can quote).
 * A 4xx Remix makes itself (a POST to a page without a form, an unknown route) is the client's
 * mistake, logged as a warning; an aborted request (the user left) is not an error at all.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const requestId = (context as Context).requestId;
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.warn({ requestId, status: error.status, url: request.url }, error.statusText);
    return;
  }
  logger.error({ err: error, requestId, method: request.method, url: request.url }, "server error");
}
