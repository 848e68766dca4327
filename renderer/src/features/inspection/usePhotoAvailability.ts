import { call } from '../../api/client'

/** How many of a report's photos are on this computer and how far fetching the rest from HQ has got. */
export function usePhotoAvailability() {
  return {
    availability: (inspectionId: string) => call('photos/get-availability', { inspectionId }),
  }
}
