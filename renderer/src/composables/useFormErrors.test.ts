// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
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
