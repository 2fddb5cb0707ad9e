/**
 * NumPy's `.npy` format (numpy.lib.format, versions 1.0–3.0), which MLTK's model codec embeds in
 * base64 for ndarray attributes: the magic `\x93NUMPY`, a major and minor version byte, the
 * header length (2 bytes little-endian in 1.0, 4 bytes from 2.0), a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (36,), }`, then the raw data. Only what
 * model coefficients use is read: little-endian float64 (`<f8`) in one dimension, or a single row.
 */
export function readNpyFloat64(bytes: Uint8Array): number[] | string {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) return 'not an .npy array';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== '<f8') return `array dtype ${descr ?? '?'} (only <f8 is read)`;
  const dims = (shape ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (fortran === 'True' && dims.length > 1) return 'Fortran-ordered array';
  if (dims.length > 2 || (dims.length === 2 && dims[0] !== 1)) return `array shape (${dims.join(', ')})`;
  const count = dims.length ? dims[dims.length - 1] : 1;
  const dataStart = start + headerLength;
  if (dataStart + 8 * count > bytes.length) return 'truncated array';
  return Array.from({ length: count }, (_, i) => view.getFloat64(dataStart + 8 * i, true));
}
