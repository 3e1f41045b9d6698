/** Which Alipay cashier a browser gets: phones the mobile one (it opens the Alipay app), others the desktop one. */
export function cashierDevice(request: Request): "wap" | "page" {
  return /Mobile|Android|iPhone|iPad/i.test(request.headers.get("User-Agent") ?? "") ? "wap" : "page";
}
