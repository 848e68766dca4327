import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { AppError } from '../app/appError'
import { ReferenceDataError } from '../reference/readResource'
import { fromWireError, toWireError } from './protocol'

/** Errors cross the process boundary as structured clones (what utilityProcess and an advanced fork both do). */
const across = (e: unknown) => fromWireError(deserialize(serialize(toWireError(e))))

describe('errors between the core and the main side', () => {
  it('an AppError stays an AppError with its code, key, parameters and field errors', () => {
    const back = across(
      new AppError('CONFLICT', 'print.errors.printFailed', { reason: 'paper jam' }, { printer: 'validation.required' }),
    )
    expect(back).toBeInstanceOf(AppError)
    expect(back).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'print.errors.printFailed',
      params: { reason: 'paper jam' },
      fieldErrors: { printer: 'validation.required' },
    })
  })

  it('another error keeps its name, message, stack and plain fields (what the startup-failure dialog reads)', () => {
    const sqlite = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' })
    expect(across(sqlite)).toMatchObject({
      name: 'Error',
      message: 'database disk image is malformed',
      code: 'SQLITE_CORRUPT',
    })
    const reference = across(new ReferenceDataError('/r/tariffs/osago.json', 'data.base', 'missing'))
    expect(reference).toMatchObject({ name: 'ReferenceDataError', file: '/r/tariffs/osago.json', field: 'data.base' })
    expect(reference.message).toBe('Reference data file /r/tariffs/osago.json is invalid at "data.base": missing')
    expect(reference.stack).toContain('protocol.test.ts')
  })

  it('a thrown non-error becomes an error with its text', () => {
    expect(across('boom')).toMatchObject({ name: 'Error', message: 'boom' })
  })
})
