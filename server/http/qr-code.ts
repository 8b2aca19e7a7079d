import type QRCode from 'qrcode';

let loadedQrCode: Promise<typeof QRCode> | undefined;

/** qrcode is loaded by the first QR code (two-factor set-up, a workshop's poster), not at start. */
export function loadQrCode(): Promise<typeof QRCode> {
  loadedQrCode ??= import('qrcode').then(
    ({ default: qrCode }) => qrCode,
    (error: unknown) => {
      loadedQrCode = undefined;
      throw error;
    },
  );
  return loadedQrCode;
}

/** A QR code of `text` as an SVG document. */
export async function qrCodeSvg(text: string, options: QRCode.QRCodeToStringOptions = {}): Promise<string> {
  return (await loadQrCode()).toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, ...options });
}
