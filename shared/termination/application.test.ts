import { describe, expect, it } from 'vitest'
import { zodIssuesToFieldErrors } from '../validation/fieldErrors'
import {
  applicationDetailsSchema,
  manualContractInput,
  payoutSchema,
  type ApplicationDetailsInput,
  type ManualContractInput,
} from './application'

const errors = (
  schema: { safeParse(v: unknown, o?: object): { success: boolean; error?: unknown } },
  value: unknown,
) => {
  const r = schema.safeParse(value, { reportInput: true })
  return r.success ? {} : zodIssuesToFieldErrors(r.error as Parameters<typeof zodIssuesToFieldErrors>[0])
}

const transfer = {
  method: 'transfer',
  recipient: 'Орлова Ирина Сергеевна',
  bankName: 'ПАО Сбербанк',
  bik: '044525225',
  account: '40817810438000000001',
  correspondentAccount: '30101810400000000225',
}

function details(over: Partial<ApplicationDetailsInput> = {}): ApplicationDetailsInput {
  return {
    kind: 'osago-early-termination',
    ground: 'owner-change',
    eventDate: null,
    cascoChoice: null,
    insuredEventOccurred: false,
    applicant: { fullName: 'Орлова Ирина Сергеевна', passport: '4519 123456', phone: '8 916 123-45-67', address: null },
    representative: null,
    payout: { method: 'cash' },
    ...over,
  }
}

function contract(over: Partial<ManualContractInput> = {}): ManualContractInput {
  return {
    product: 'osago',
    number: 'ХХХ 0123456789',
    concludedAt: null,
    policyholderType: 'individual',
    policyholderName: 'Орлова И. С.',
    plate: null,
    vin: null,
    conclusionDate: '2024-12-20',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    premiumKopecks: 100,
    periodsOfUse: [],
    ...over,
  }
}

describe('payout', () => {
  it('cash needs nothing; a transfer is normalised and its account checked with the BIK key', () => {
    expect(payoutSchema.parse({ method: 'cash', bik: 'junk' })).toEqual({ method: 'cash' })
    expect(payoutSchema.parse({ ...transfer, account: '4081 7810 4380 0000 0001', correspondentAccount: '' })).toEqual({
      ...transfer,
      correspondentAccount: null,
    })
    expect(errors(payoutSchema, { ...transfer, account: '40817810538000000001' })).toEqual({
      account: 'validation.bankAccount.key',
    })
    expect(errors(payoutSchema, { ...transfer, bik: '123' })).toEqual({ bik: 'validation.bik.format' })
    expect(errors(payoutSchema, { method: 'transfer' })).toEqual({
      recipient: 'validation.required',
      bankName: 'validation.required',
      bik: 'validation.required',
      account: 'validation.required',
    })
  })
})

describe('application details', () => {
  it('ties the ground to OSAGO and the terminate-or-re-issue choice to the CASCO sale', () => {
    expect(errors(applicationDetailsSchema, details())).toEqual({})
    expect(errors(applicationDetailsSchema, details({ ground: null }))).toEqual({
      ground: 'termination.error.groundRequired',
    })
    expect(errors(applicationDetailsSchema, details({ kind: 'cooling-off' }))).toEqual({
      ground: 'termination.error.groundNotApplicable',
    })
    expect(errors(applicationDetailsSchema, details({ kind: 'casco-sale', ground: null }))).toEqual({
      cascoChoice: 'validation.required',
    })
    expect(
      errors(
        applicationDetailsSchema,
        details({ kind: 'casco-sale', ground: null, cascoChoice: 'reissue', payout: null }),
      ),
    ).toEqual({})
    expect(errors(applicationDetailsSchema, details({ payout: null }))).toEqual({
      'payout.method': 'validation.required',
    })
  })
  it('a representative brings a notarised power of attorney: number, date and notary', () => {
    expect(
      errors(
        applicationDetailsSchema,
        details({
          representative: { fullName: 'Кузнецов О. И.', powerOfAttorney: { number: '', date: '', notary: '' } },
        }),
      ),
    ).toEqual({
      'representative.powerOfAttorney.number': 'validation.required',
      // An empty date is a missing field like the others, not a badly written date (issue 14).
      'representative.powerOfAttorney.date': 'validation.required',
      'representative.powerOfAttorney.notary': 'validation.required',
    })
  })
  it('checks the applicant passport and phone', () => {
    expect(
      errors(
        applicationDetailsSchema,
        details({ applicant: { fullName: 'А', passport: '45 19', phone: '12', address: null } }),
      ),
    ).toMatchObject({
      'applicant.passport': 'validation.passport.format',
      'applicant.phone': expect.stringMatching(/^validation\.phone/),
    })
  })
})

describe('application details added by issue 9', () => {
  it('an application by post carries its postmark date; one at the counter needs none', () => {
    expect(applicationDetailsSchema.parse(details()).receipt).toEqual({ channel: 'in-person' })
    expect(
      applicationDetailsSchema.parse(details({ receipt: { channel: 'post', postmarkDate: '2025-03-28' } })).receipt,
    ).toEqual({ channel: 'post', postmarkDate: '2025-03-28' })
    expect(
      errors(applicationDetailsSchema, details({ receipt: { channel: 'post', postmarkDate: '28.03.2025' } })),
    ).toEqual({ 'receipt.postmarkDate': 'validation.date.format' })
    expect(errors(applicationDetailsSchema, details({ receipt: { channel: 'post' } as never }))).toEqual({
      'receipt.postmarkDate': 'validation.required',
    })
    expect(errors(applicationDetailsSchema, details({ receipt: { channel: 'pigeon' } as never }))).toEqual({
      'receipt.channel': 'validation.required',
    })
    // The event an application reports cannot come after the letter was posted.
    expect(
      errors(
        applicationDetailsSchema,
        details({ ground: 'death', eventDate: '2025-03-29', receipt: { channel: 'post', postmarkDate: '2025-03-28' } }),
      ),
    ).toEqual({ eventDate: 'termination.error.eventAfterApplication' })
  })
  it('asks for the event date on every ground that reports an event, and for the CASCO loss', () => {
    for (const ground of ['death', 'vehicle-loss', 'policyholder-liquidation', 'insurer-false-information'] as const) {
      expect(
        errors(
          applicationDetailsSchema,
          details({ ground, payout: ground === 'insurer-false-information' ? null : { method: 'cash' } }),
        ),
        ground,
      ).toEqual({ eventDate: 'termination.error.eventDateRequired' })
    }
    expect(errors(applicationDetailsSchema, details({ kind: 'casco-loss', ground: null }))).toEqual({
      eventDate: 'termination.error.eventDateRequired',
    })
    expect(
      errors(applicationDetailsSchema, details({ kind: 'casco-loss', ground: null, eventDate: '2025-03-01' })),
    ).toEqual({})
  })
  it('a later end date only on a cooling-off refusal, and not before the postmark', () => {
    const cooling = { kind: 'cooling-off' as const, ground: null }
    expect(errors(applicationDetailsSchema, details({ ...cooling, requestedTerminationDate: '2025-04-10' }))).toEqual(
      {},
    )
    expect(errors(applicationDetailsSchema, details({ requestedTerminationDate: '2025-04-10' }))).toEqual({
      requestedTerminationDate: 'termination.error.requestedDateNotApplicable',
    })
    expect(errors(applicationDetailsSchema, details({ ...cooling, requestedTerminationDate: '10.04.2025' }))).toEqual({
      requestedTerminationDate: 'validation.date.format',
    })
    expect(
      errors(
        applicationDetailsSchema,
        details({
          ...cooling,
          requestedTerminationDate: '2025-04-01',
          receipt: { channel: 'post', postmarkDate: '2025-04-02' },
        }),
      ),
    ).toEqual({ requestedTerminationDate: 'termination.error.requestedDateBeforeFiling' })
  })
  it('leaves the payout open only where the rules may refund nothing', () => {
    expect(
      errors(
        applicationDetailsSchema,
        details({ ground: 'insurer-false-information', eventDate: '2025-03-01', payout: null }),
      ),
    ).toEqual({})
    expect(errors(applicationDetailsSchema, details({ kind: 'casco-refusal', ground: null, payout: null }))).toEqual({})
    expect(
      errors(
        applicationDetailsSchema,
        details({ kind: 'casco-loss', ground: null, eventDate: '2025-03-01', payout: null }),
      ),
    ).toEqual({ 'payout.method': 'validation.required' })
    expect(
      errors(
        applicationDetailsSchema,
        details({ ground: 'policyholder-liquidation', eventDate: '2025-03-01', payout: null }),
      ),
    ).toEqual({ 'payout.method': 'validation.required' })
  })
})

describe('contract entered by hand', () => {
  it('accepts a plain contract and normalises plate and VIN', () => {
    expect(manualContractInput.parse(contract({ plate: 'а123вс 777', vin: 'xta21700080123456' }))).toMatchObject({
      plate: 'А123ВС777',
      vin: 'XTA21700080123456',
    })
  })
  it('refuses a term that ends first, a start before conclusion, and periods outside OSAGO or outside the term', () => {
    expect(errors(manualContractInput, contract({ endDate: '2024-12-31' }))).toEqual({
      endDate: 'termination.error.termEndsBeforeStart',
    })
    expect(errors(manualContractInput, contract({ startDate: '2024-12-19' }))).toEqual({
      startDate: 'termination.problem.startBeforeConclusion',
    })
    expect(
      errors(
        manualContractInput,
        contract({ product: 'casco', periodsOfUse: [{ from: '2025-01-01', to: '2025-03-31' }] }),
      ),
    ).toEqual({ periodsOfUse: 'termination.error.periodsOfUseNotApplicable' })
    expect(errors(manualContractInput, contract({ periodsOfUse: [{ from: '2025-11-01', to: '2026-01-31' }] }))).toEqual(
      { 'periodsOfUse.0.to': 'termination.error.periodOutsideTerm' },
    )
    expect(errors(manualContractInput, contract({ premiumKopecks: 0 }))).toEqual({
      premiumKopecks: 'termination.problem.premiumKopecks',
    })
  })
})
