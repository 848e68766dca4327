// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick, ref, watchEffect } from 'vue'
import { useFormErrors } from './useFormErrors'
import { validateWith } from './useFieldErrors'
import { vinSchema } from '@shared/validation/vin'

/** Fills `{name}` placeholders as vue-i18n does; a missing one is left empty («введено .»). */
const texts: Record<string, string> = {
  'validation.vin.tooShort': 'В VIN 17 знаков, а введено {n}.',
  'validation.unknownField': 'Лишнее поле: {field}',
}
const t = (key: string, params: Record<string, unknown>) =>
  (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? ''))

describe('field messages keep their parameters', () => {
  it('found in the form by the shared schema: the VIN length entered', () => {
    const checked = validateWith(vinSchema, 'XTA21099')
    expect(checked).toMatchObject({ ok: false, fieldErrors: { '': 'validation.vin.tooShort' } })
    if (checked.ok) return
    const errors = useFormErrors({
      t,
      readonly: ref(false),
      local: () => ({ 'vehicle.vin': checked.fieldErrors['']! }),
      localParams: () => ({ 'vehicle.vin': checked.fieldParams['']! }),
      localAtOnce: true,
    })
    expect(errors.state.errorsOf('vehicle.vin')).toEqual(['В VIN 17 знаков, а введено 8.'])
  })

  it('sent by the core with the refusal, under the draft path', () => {
    const errors = useFormErrors({ t, readonly: ref(false), local: () => ({}), serverPrefix: 'details.' })
    errors.fromApi({
      fieldErrors: { 'details.note': 'validation.unknownField' },
      fieldParams: { 'details.note': { field: 'note' } },
    })
    expect(errors.state.errorsOf('note')).toEqual(['Лишнее поле: note'])
  })
})

describe('a keystroke re-renders only the fields whose messages changed', () => {
  it('a field reading its messages runs again only when they change, not when another field’s do', async () => {
    const local = ref<Record<string, string>>({ 'vehicle.vin': 'validation.vin.tooShort' })
    const errors = useFormErrors({ t, readonly: ref(false), local: () => local.value, localAtOnce: true })
    const runs = { vin: 0, surname: 0 }
    const stop = [
      watchEffect(() => {
        errors.state.errorsOf('vehicle.vin')
        runs.vin += 1
      }),
      watchEffect(() => {
        errors.state.errorsOf('insured.surname')
        runs.surname += 1
      }),
    ]
    // The whole draft is revalidated on each key and the map replaced: same messages, nothing runs again.
    local.value = { 'vehicle.vin': 'validation.vin.tooShort' }
    await nextTick()
    expect(runs).toEqual({ vin: 1, surname: 1 })
    // The surname gets a message: only the surname field runs again.
    local.value = { 'vehicle.vin': 'validation.vin.tooShort', 'insured.surname': 'validation.unknownField' }
    await nextTick()
    expect(runs).toEqual({ vin: 1, surname: 2 })
    expect(errors.state.errorsOf('insured.surname')).toEqual(['Лишнее поле: '])
    // Touching a field that was touched already changes nothing either.
    errors.state.touch('vehicle.vin')
    errors.state.touch('vehicle.vin')
    await nextTick()
    expect(runs).toEqual({ vin: 1, surname: 2 })
    for (const s of stop) s()
  })
})
