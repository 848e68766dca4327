/** A refusal HQ answers with a status and a stable code the device reacts to. */
export class HqHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string = code,
  ) {
    super(message)
    this.name = 'HqHttpError'
  }
}
