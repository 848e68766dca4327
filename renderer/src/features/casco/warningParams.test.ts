import { describe, expect, it } from 'vitest'
import { translate } from '@shared/i18n/messages'
import { warningParams } from './warningParams'

const t = (key: string) => translate('ru', key as never)
const te = (key: string) => translate('ru', key as never) !== key

describe('CASCO warning parameters in words', () => {
  it('names tariff components, factors, programs and plans; an unknown code stays as it is', () => {
    expect(
      warningParams(
        {
          key: 'casco.warnings.unverifiedValues',
          params: { items: 'rate:damage, rate:theft, region, promotion, zzz' },
        },
        t,
        te,
      ),
    ).toEqual({ items: 'Ущерб, Хищение, Регион, Акция, zzz' })
    expect(
      warningParams({ key: 'casco.warnings.unverifiedRules', params: { programs: 'moscowHit, vip' } }, t, te),
    ).toEqual({ programs: 'Акция «Московский хит», VIP-статус' })
    expect(warningParams({ key: 'casco.warnings.unverifiedSurcharge', params: { plan: 'two' } }, t, te)).toEqual({
      plan: 'Два платежа (+3 %)',
    })
  })
})
