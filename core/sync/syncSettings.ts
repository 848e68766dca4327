/**
 * The device's sync settings, one source of truth: the engine's defaults and `bench:sync` both read them, so the
 * bench measures what the app ships (issue 12 found the bench running 500 / 1,000 / 4 MB against the app's
 * 200 / 500 / 1 MB). Push batch and pull page belong to the push/pull work; the chunk size to the photo upload.
 */
export const SYNC_SETTINGS = {
  /**
   * Outbox changes per push request: the protocol's most (MAX_PUSH_BATCH). bench:sync (10,000 contracts,
   * loopback, a loaded 2-core machine) pushed 7,845 records/s (median of 3) with 500; an earlier state of this work
   * with 200 gave 8,047 — within the runs' spread — so the larger batch (fewer requests and HQ transactions) is
   * kept. A batch is ~0.75 MB of JSON applied in a fraction of a second: far inside the push timeout (120 s) and
   * HQ's body limit (32 MB).
   */
  batchSize: 500,
  /**
   * Records per pull page: 1,000 pulled 7,745 records/s (median of 3); 500 gave 6,781 in an earlier state (without
   * the next page fetched ahead). A page is ~1.5 MB and one local transaction; the protocol allows up to 2,000.
   */
  pageSize: 1000,
  /**
   * Bytes of a photo per upload request. The body is streamed from the file and HQ streams it to disk, so a
   * chunk costs no memory on either side; a cut request keeps every byte that arrived (HQ answers how much it
   * holds), so a larger chunk loses nothing on resume and saves round trips. It stays within HQ's default
   * BLOB_CHUNK_MAX (8 MiB).
   */
  chunkSize: 8 * 1024 * 1024,
} as const
