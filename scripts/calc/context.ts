/** Shared by the calc commands; kept free of side effects so commands can be imported in tests. */
export interface CalcContext {
  /** Absolute path of the bundled `resources/` folder. */
  resourcesDir: string
}

/** Thrown by a command for bad input; printed as `field: message` with exit code 2. */
export class CalcInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export type CalcCommand = (input: unknown, ctx: CalcContext) => unknown
