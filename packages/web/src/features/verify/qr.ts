import jsQRModule from 'jsqr';
import { cjsDefault } from '../../interop.ts';

const jsQR = cjsDefault<typeof jsQRModule.default>(jsQRModule);

/** The text of the first QR code found in an image file, or null. */
export async function decodeQrFromImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  // Big photos are scaled down: jsQR is quick on ~1000 px and finds codes as well.
  const scale = Math.min(1, 1200 / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return decodeQrFromCanvas(ctx, width, height);
}

export function decodeQrFromCanvas(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
): string | null {
  const image = ctx.getImageData(0, 0, width, height);
  return jsQR(image.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The credential id of a verification link (`…/verify?credential=<id>`), or null. */
export function credentialIdFromLink(text: string): string | null {
  try {
    const url = new URL(text);
    return url.pathname.endsWith('/verify') ? url.searchParams.get('credential') : null;
  } catch {
    return null;
  }
}
