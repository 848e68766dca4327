/**
 * Limits of the photo pipeline, shared so the form refuses what the core would refuse before sending a byte.
 * Photos cross IPC in base64 chunks (the dispatcher refuses any payload over 2 MB): 750 000 bytes per chunk is
 * exactly 1 000 000 base64 characters.
 */
export const PHOTO_LIMITS = {
  /** A 12-MP phone JPEG is 3–8 MB; 40 MB leaves room for a 50-MP camera while refusing videos and archives. */
  maxBytes: 40 * 1024 * 1024,
  chunkBytes: 750_000,
  chunkChars: 1_000_000,
  /** Decompression-bomb guard: 100 MP covers any phone or compact camera. */
  maxPixels: 100_000_000,
  normalLongSide: 2560,
  thumbLongSide: 400,
} as const

/** Formats identified by content (sharp's reading of the file), never by extension. */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const

export const SHA256_HEX = /^[0-9a-f]{64}$/
