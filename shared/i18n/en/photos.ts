import type ru from '../ru/photos'
import type { LocaleFile } from '../schema'

/** Inspection photos: storage and processing errors. */
export default {
  photos: {
    errors: {
      imageLibraryMissing:
        'Photo processing is not available on this computer: the installation lacks the image module for {platform}. Everything else in the program works. Tell support: Branch Desk needs reinstalling',
      tooLarge: 'The file is over {maxMb} MB: such a photo is not accepted',
      unsupported: 'Unsupported file format: a JPEG, PNG or WebP photo is needed',
      corrupt: 'The file is damaged: the image cannot be read to the end',
      tooManyPixels: 'The photo is too large: over {maxMp} megapixels',
      empty: 'The file is empty',
      badHash: 'Invalid file checksum',
      hashMismatch: 'The file changed in transit. Upload it again',
      chunkTooLarge: 'A file part is too large',
      badChunk: 'A file part arrived damaged',
      outOfOrder: 'File parts arrived out of order. Upload it again',
      incomplete: 'The file did not arrive in full. Upload it again',
      noUpload: 'Upload not found or interrupted. Try again',
      busy: 'The upload is still running',
      tooManyUploads: 'Too many uploads at once. Wait for them to finish',
      fileMissing: 'The photo file is missing from the data folder',
    },
  },
} satisfies LocaleFile<typeof ru>
