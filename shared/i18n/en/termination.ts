import type ru from '../ru/termination'
import type { LocaleFile } from '../schema'

export default {
  termination: {
    kind: {
      'osago-early-termination': 'Early termination of OSAGO',
      'cooling-off': 'Refusal within the cooling-off period',
      'casco-sale': 'CASCO ended because the car was sold',
      'casco-loss': 'CASCO ended because the car was lost, not by an insured event',
      'casco-refusal': 'Refusal of CASCO after the cooling-off period',
    },
    ground: {
      'owner-change': 'Change of the vehicle owner',
      death: 'Death of the insured or the owner',
      'vehicle-loss': 'Loss or destruction of the vehicle, not by an insured event',
      'license-revoked': "Revocation of the insurer's licence",
      mobilisation:
        'Mobilisation, contract military service in the special military operation, or a volunteer formation',
      'policyholder-liquidation': 'Liquidation of the legal-entity policyholder',
      'insurer-false-information': 'Terminated by the insurer: the policyholder gave false or incomplete information',
    },
    receipt: {
      'in-person': 'In person at the branch',
      post: 'By post',
    },
    latePayout: {
      consequence: {
        'contractual-penalty': 'Penalty for late payment',
        'statutory-interest': "Interest for the use of another's money (Civil Code art. 395)",
      },
      basis: {
        'contractual-penalty':
          'a penalty of {rate} % of the refund for each day of delay; the law sets no amount for a premium refund, and the insurer applies the rate of 40-FZ art. 12 p. 21 (OSAGO) by analogy',
        'statutory-interest':
          'interest under Civil Code art. 395: refund × the Bank of Russia key rate ÷ days in the year, for each day of delay',
      },
      afterKnownWarning:
        'The key rate after {date} is not known yet: the last known rate is applied to those days — the amount needs checking',
      segment: {
        penalty: '{from} to {to}: {days} days × {percent} % a day',
        interest: '{from} to {to}: {days} days × {percent} % a year ÷ {daysInYear}',
        beyondKnown: '(rates known up to {knownUntil}; the last known rate is applied and needs checking)',
      },
    },
    noRefund: {
      'insurer-false-information':
        'Terminated by the insurer for false or incomplete information: by the rules the premium is not returned',
      'casco-refusal':
        'Refusal after the cooling-off period: under Civil Code art. 958 p. 3 the premium is not returned unless the contract says otherwise',
      general: 'No premium is returned on this ground',
    },
    reason: {
      applicationAfterTermEnd:
        'The application came after the insurance term ended: no part of the premium is refunded',
      coolingOffWindowPassed: 'The cooling-off period for refusing the contract has passed',
      coolingOffIndividualsOnly: 'Only an individual policyholder may refuse within the cooling-off period',
      insuredEventOccurred: 'An insured event occurred under the contract: no cooling-off refusal with a refund',
      eventAfterTermEnd:
        'The event happened after the insurance term: the contract had already expired, there is nothing to refund',
      limitationExpired: 'The application came after the limitation period (3 years from the termination date)',
    },
    status: {
      received: 'Received',
      calculated: 'Calculated',
      approved: 'Approved',
      paid: 'Paid',
      refused: 'Refused',
      closed: 'Closed, nothing paid',
    },
    product: {
      osago: 'OSAGO',
      casco: 'CASCO',
      voluntary: 'Other voluntary insurance',
    },
    policyholderType: {
      individual: 'Individual',
      legal: 'Legal entity',
    },
    payout: {
      cash: 'At the branch cash desk',
      transfer: 'By bank transfer',
    },
    cascoChoice: {
      refund: 'Terminate the contract and refund part of the premium',
      reissue: 'Re-issue the policy to the new owner',
    },
    formula: {
      reissue:
        'The client chose to re-issue the CASCO policy to the new owner: the contract does not end and nothing is refunded',
      nothingDue: 'No refund is due',
      terminationDate: {
        application: 'The contract ends on {date}, the day the application was received',
        event: 'The contract ends on {date}, the date of the event',
        requested: 'The contract ends on {date}, the date the client asked for (within the cooling-off period)',
        posted: 'The contract ends on {date}, the postmark date',
      },
      posted:
        'Sent by post on {postmark} (postmark), received {received}: under Civil Code art. 194 p. 2 it was filed on the day it was posted',
      afterTerm:
        'Filed after the insurance term, but the contract ended on {date}, within the term; the limitation period (Civil Code arts. 196, 200) runs to {end}',
      noRefund: 'The contract ends; nothing is refunded',
      limitationEnded:
        'The contract ended on {date}, but the limitation period (Civil Code arts. 196, 200) ran out on {end}',
      term: 'Insurance term {from} to {to}: {days} days',
      periods: 'Paid periods of use: {list}, {days} days in all',
      unexpired: 'Unexpired term {from} to {to}: {days} days',
      unexpiredInPeriods: 'Unexpired days of the periods of use {from} to {to}: {days} days',
      inForce: 'In force {from} to {to}: {days} days',
      osago: {
        general: 'Refund = premium × payout share of the premium × unexpired days ÷ paid days',
        values: '{premium} × {share} × {unexpired} ÷ {paid} = {exact}',
      },
      cascoSale: {
        general: "Refund = premium × (1 − insurer's expense share) × unexpired days ÷ days in the term",
        values: '{premium} × {share} × {unexpired} ÷ {paid} = {exact}',
      },
      cascoLoss: {
        general:
          "Refund = premium × (1 − insurer's expense share) × unexpired days ÷ days in the term (Civil Code art. 958 pp. 1, 3: the insurer keeps the premium for the time in force)",
        values: '{premium} × {share} × {unexpired} ÷ {paid} = {exact}',
      },
      cascoRefusal: {
        general:
          "Refund by the insurer's rules = premium × (1 − insurer's expense share) × unexpired days ÷ days in the term",
        values: '{premium} × {share} × {unexpired} ÷ {paid} = {exact}',
      },
      coolingOff: {
        window: 'Cooling-off: 14 calendar days from the day after conclusion ({conclusion}); last day {windowEnd}',
        windowMoved:
          'Cooling-off: 14 calendar days from the day after conclusion ({conclusion}); day 14, {lastDay}, is non-working, so the last day moves to {windowEnd}',
        beforeCover: 'Received before cover started ({start}): the whole premium {premium} is refunded',
        general: 'Refund = premium − premium × days in force ÷ days in the term',
        values: '{premium} − {premium} × {inForce} ÷ {paid} = {exact}',
      },
      rounded: 'Rounded to the kopeck (half a kopeck up): {refund}',
      payoutDue: {
        calendar: 'Pay within {count} calendar days after receipt ({received}): by {date}',
        calendarMoved: 'Pay within {count} calendar days after receipt ({received}), moved to a working day: by {date}',
        working: 'Pay within {count} working days of the production calendar after receipt ({received}): by {date}',
      },
      payoutFromPostmark: 'The payout deadline counts from the postmark date {date}',
      approval: "Above {threshold}: paid after the supervisor's approval",
      latePayout: {
        'contractual-penalty':
          'If the refund is paid late: a penalty of {rate} % of the refund for each day of delay (the law sets no amount for a premium refund; the rate of 40-FZ art. 12 p. 21 is applied by analogy)',
        'statutory-interest':
          'If the refund is paid late: interest under Civil Code art. 395, refund × the Bank of Russia key rate ÷ days in the year, for each day of delay',
      },
      rulesVersion: 'Calculation rules: version {version}',
    },
    problem: {
      premiumKopecks: 'Give the premium in roubles and kopecks, above zero',
      tooManyPeriods: 'At most three periods of use',
      startBeforeConclusion: 'Cover cannot start before the contract is concluded',
      cascoChoiceNotApplicable: 'The terminate-or-re-issue choice applies only to a CASCO car sale',
      kindNotForContract: 'This kind of application does not apply to this contract',
      queryTooShort: 'Type at least two characters',
      conclusionInFuture: 'The conclusion date is in the future',
      contractExists: 'A contract with this number is already on file: find it by search',
      notCalculated: 'Not calculated yet: complete the application first',
      contractTerminated: 'The contract was already terminated on {date}',
      contractNotInForce: 'The OSAGO policy has not been issued: there is nothing to terminate',
      alreadyApplied: 'This contract already has application No. {number}',
      wrongStatus: 'Not available: the application is "{status}"',
      documentsMissing: 'Required documents not ticked: {documents}',
      documentMissing: 'Document not received',
      documentNotRequired: 'This document is not needed for this application',
      approvalRequired: "Above the branch limit: the supervisor's approval comes first",
      approvalNotNeeded: 'Within the branch limit: no approval needed',
      fourEyes: 'Another person must approve: not the one who received the application',
      calendar:
        'The production calendar does not cover {date}: the payout deadline cannot be set until HQ ships the calendar',
      rules: 'No refund calculation rules in force on {date}',
      liquidationLegalOnly: 'Liquidation is a ground only for a legal-entity policyholder',
      coolingOffApplies:
        'The cooling-off period is still running: register a cooling-off refusal, which refunds the premium (Directive 3854-U)',
      payoutRequired: 'A refund is due on this application: choose how it is paid',
      keyRates:
        'No Bank of Russia key rate for {date}: Civil Code art. 395 interest cannot be calculated until HQ ships the rates',
      keyRatesMissing:
        'No Bank of Russia key-rate table on file: Civil Code art. 395 interest cannot be calculated until HQ ships it',
    },
    result: {
      eligible: 'Refund due',
      refund: 'Amount to refund',
      terminationDate: 'Termination date',
      payoutDueDate: 'Pay by',
      supervisorApprovalNeeded: "The refund is above the branch limit: the supervisor's approval is needed",
      unverifiedRules: 'The calculation used unconfirmed reference values ({rules}). Check them against the documents',
    },
    rule: {
      osago: {
        riskShare: 'Share of the premium meant for insurance payouts',
        payoutDeadline: 'Deadline for the OSAGO refund',
        grounds: {
          'owner-change': {
            terminationDate: 'Termination date on a change of owner',
            refund: 'Refund on a change of owner',
          },
          death: {
            terminationDate: 'Termination date on the death of the insured or owner',
            refund: 'Refund on the death of the insured or owner',
          },
          'vehicle-loss': {
            terminationDate: 'Termination date on the loss of the vehicle',
            refund: 'Refund on the loss of the vehicle',
          },
          'license-revoked': {
            terminationDate: "Termination date on revocation of the insurer's licence",
            refund: "Refund on revocation of the insurer's licence",
          },
          mobilisation: {
            terminationDate: 'Termination date on mobilisation or military service',
            refund: 'Refund on mobilisation or military service',
          },
          'policyholder-liquidation': {
            terminationDate: 'Termination date on liquidation of the legal-entity policyholder',
            refund: 'Refund on liquidation of the legal-entity policyholder',
          },
          'insurer-false-information': {
            terminationDate: 'Termination date on termination by the insurer for false information',
            refund: 'No refund on termination for false information',
          },
        },
      },
      limitationPeriod: 'Limitation period and its start at the termination date',
      postedApplication: 'Payout deadline of a posted application (counted from receipt)',
      latePayout: {
        consequence: 'Choice of the consequence of a late payout',
        penaltyRatePerDay: 'Penalty rate for a late payout (1 % a day)',
        statutoryInterest: 'Interest under Civil Code art. 395',
      },
      keyRate: {
        rate: 'Bank of Russia key rate for part of the delay',
        afterKnownUntil: 'Key rate after the date the rate table is known to',
      },
      cascoLoss: {
        terminationDate: 'CASCO termination date on the loss of the car',
        refundRule: "Insurer's expense share when CASCO ends by loss",
        payoutDeadline: 'Deadline for the CASCO refund on loss',
      },
      cascoRefusal: {
        terminationDate: 'CASCO termination date on refusal',
        refundRule: 'Refund on refusal of CASCO after the cooling-off period',
        payoutDeadline: 'Deadline for the refund on refusal of CASCO',
      },
      cascoSale: {
        refundRule: "Insurer's expense share on CASCO termination after a sale",
        payoutDeadline: 'Deadline for the CASCO refund',
        terminationDate: 'CASCO termination date after a sale',
      },
      coolingOff: {
        windowDays: 'Length of the cooling-off period',
        windowLastDayNonWorking: 'Moving the last cooling-off day off a non-working day',
        payoutDeadline: 'Deadline for the cooling-off refund',
        laterDateOnRequest: "Ending on a later date at the client's request",
      },
    },
    document: {
      application: 'Application for early termination of the contract',
      passport: "Applicant's passport",
      originalPolicy: 'Original policy',
      paymentProof: 'Proof of premium payment (receipt, cheque, bank statement)',
      bankDetails: 'Bank details for the refund transfer',
      saleContract: 'Sale (gift) contract for the car or the new registration certificate (STS)',
      ptsCopyWithNewOwner: 'Copy of the vehicle passport (PTS) with the new owner entered',
      deathCertificate: 'Death certificate',
      heirDocuments: "Documents proving the heir's rights",
      deregistrationCertificate: 'Deregistration document or a traffic police certificate of the loss',
      militaryCertificate: 'Certificate from the military commissariat or military unit',
      liquidationRecord: 'Extract from the state register of legal entities (EGRUL) on the liquidation',
      applicantAuthority: "Document of the applicant's authority (liquidator, successor)",
      insurerNotice: "The insurer's notice of early termination",
      noticeDeliveryProof: 'Proof the notice was delivered to the policyholder (delivery receipt or signature)',
      notarisedPowerOfAttorney: "Representative's notarised power of attorney",
    },
    error: {
      premiumNotKopecks: 'The premium must be a whole, non-negative number of kopecks',
      dateFormat: 'Invalid date',
      termEndsBeforeStart: 'The insurance term ends before it starts',
      applicationBeforeConclusion: 'The application cannot precede the conclusion of the contract',
      groundRequired: 'Give the ground for early termination',
      eventDateRequired:
        "Give the date of the event: death, loss of the vehicle, liquidation or receipt of the insurer's notice",
      eventBeforeConclusion: 'The event date is before the contract was concluded',
      postmarkAfterReceipt: 'The postmark cannot be later than the day the letter was received',
      requestedDateNotApplicable: 'A requested end date is given only for a cooling-off refusal',
      requestedDateNotAllowed: 'The rules do not allow ending the contract on a later date',
      requestedDateBeforeFiling: 'The end date cannot be before the application was filed',
      requestedDateAfterWindow: 'The end date must lie within the cooling-off period',
      eventAfterApplication: 'The event cannot be later than the application',
      conclusionDateRequired: 'Give the conclusion date: the cooling-off period runs from it',
      groundNotApplicable: 'A ground is given only for early termination of OSAGO',
      eventDateNotApplicable: 'A refusal within the cooling-off period has no event date',
      periodsOfUseNotApplicable: 'Only OSAGO contracts have periods of use',
      periodsOfUseEmpty: 'Give at least one period of use',
      periodEndsBeforeStart: 'The period of use ends before it starts',
      periodOutsideTerm: 'The period of use lies outside the insurance term',
      periodsOverlap: 'The periods of use overlap',
    },
  },
} satisfies LocaleFile<typeof ru>
