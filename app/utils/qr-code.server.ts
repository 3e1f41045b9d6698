import QRCode from "qrcode";

/** A QR code of `text` as SVG markup (drawn on the server: the page needs no script to show it). */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 240 });
}
