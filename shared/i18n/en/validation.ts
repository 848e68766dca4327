import type ru from '../ru/validation'
import type { LocaleFile } from '../schema'

export default {
  validation: {
    passportSeries: { format: 'Passport series: 4 digits, e.g. 45 12' },
    passportNumber: { format: 'Passport number: 6 digits, e.g. 345678' },
    passport: { format: 'Passport series and number: 4 digits and 6 digits, e.g. 45 12 345678' },
    departmentCode: { format: 'Department code: 6 digits as in the passport, e.g. 770-001' },

    licenceSeries: {
      format:
        'Licence series: 4 digits, e.g. 99 12. Old licences (1999 form): 2 digits and 2 Cyrillic letters, e.g. 77 АВ',
    },
    licenceNumber: { format: 'Licence number: 6 digits' },
    licence: {
      format:
        'Licence series and number: 4 digits and 6 digits (99 12 345678); old licences: 2 digits, 2 Cyrillic letters and 6 digits (77 АВ 123456)',
    },

    ptsSeries: { format: 'PTS series: 2 digits and 2 Cyrillic letters, e.g. 77 ТК' },
    ptsNumber: { format: 'PTS number: 6 digits' },
    pts: { format: 'PTS series and number: 2 digits, 2 Cyrillic letters and 6 digits, e.g. 77 ТК 123456' },
    epts: { format: 'Electronic PTS number: 15 digits' },
    stsSeries: { format: 'STS series: 2 digits, then 2 Cyrillic letters or 2 digits, e.g. 77 ХА or 99 01' },
    stsNumber: { format: 'STS number: 6 digits' },
    sts: { format: 'STS series and number: 2 digits, 2 Cyrillic letters or digits and 6 digits, e.g. 99 01 123456' },

    plate: {
      letters: 'A plate may only use the letters А, В, Е, К, М, Н, О, Р, С, Т, У, Х',
      format: 'Enter the plate as А123ВС77 or А123ВС777; taxi plates as АВ12377',
    },

    vin: {
      missingWord: 'Do not type “ОТСУТСТВУЕТ” into the VIN: tick “VIN missing” and enter the body or chassis number',
      characters: 'A VIN contains only Latin letters and digits',
      forbiddenLetters: 'A VIN cannot contain the letters I, O or Q. An O is usually the digit 0 — check the PTS',
      tooShort:
        'A VIN has 17 characters, {n} entered. If the PTS shows a shorter number, it is the body number: tick “VIN missing” and enter it as the body number',
      tooLong: 'A VIN has 17 characters, {n} entered. Check for extra characters',
    },
    bodyNumber: {
      characters: 'A body number contains only Latin letters, digits and hyphens',
      tooLong: 'Body number: at most {max} characters',
    },
    chassisNumber: {
      characters: 'A chassis number contains only Latin letters, digits and hyphens',
      tooLong: 'Chassis number: at most {max} characters',
    },
    vehicleId: {
      bodyOrChassisRequired: 'The VIN is missing — enter the body number or the chassis number',
      vinWithMissingMark: '“VIN missing” is ticked but a VIN is entered: untick it or clear the VIN',
    },

    inn: {
      format: 'INN: 10 digits for an organisation or 12 digits for an individual',
      legalEntityLength: 'An organisation’s INN has 10 digits',
      individualLength: 'An individual’s INN has 12 digits',
      checksum: 'The INN is wrong: its check digit does not match. Compare it with the document',
    },
    ogrn: {
      format: 'OGRN: 13 digits',
      checksum: 'The OGRN is wrong: its check digit does not match. Compare it with the register extract',
    },
    ogrnip: {
      format: 'OGRNIP: 15 digits',
      checksum: 'The OGRNIP is wrong: its check digit does not match. Compare it with the register extract',
    },
    snils: {
      format: 'SNILS: 11 digits, e.g. 112-233-445 95',
      checksum: 'The SNILS is wrong: its check number (last two digits) does not match. Compare it with the document',
    },

    bik: {
      format: 'BIK: 9 digits, e.g. 044525225',
      kind: 'No such BIK: a bank’s BIK starts with 04, a treasury BIK with 00 or 01',
      bankNumber: 'No such BIK: for a bank the last three digits are 050 to 999',
    },
    bankAccount: {
      format: 'Account number: 20 digits',
      key: 'The account number does not match the BIK: one of them is wrong. Compare both with the bank details',
    },
    correspondentAccount: {
      format: 'Correspondent account: 20 digits',
      prefix:
        'A bank’s correspondent account starts with 301; for the treasury it is the single treasury account starting with 40102',
      bikMismatch: 'The last three digits of the correspondent account must equal the last three digits of the BIK',
      key: 'The correspondent account does not match the BIK. Compare both with the bank details',
    },

    personName: {
      latin: 'Use Cyrillic letters, as in the passport',
      characters: 'Only Cyrillic letters, spaces, hyphens and apostrophes are allowed',
      shape: 'Must start and end with a letter, with no two marks in a row',
      tooLong: 'At most {max} characters',
    },
    phone: {
      format: 'Phone: +7 and 10 digits, e.g. +7 916 123-45-67',
      notRussian: 'A Russian number is needed: after +7 the code starts with 3, 4, 8 or 9',
    },
    email: {
      format:
        'The e-mail address is wrong: it needs a mailbox name, the at sign and a domain such as mail.ru, with no spaces',
      cyrillic: 'The mailbox name (before the at sign) is written in Latin letters — check the keyboard layout',
    },
    diagnosticCard: { format: 'Diagnostic card number: 15 digits; old cards have 21 digits' },
    driverAge: { tooYoung: 'The driver is under {min} on the start date' },
    licenseSince: {
      future: 'The licence date has not come yet',
      beforeAge: 'A licence cannot be issued before age {min}',
    },
    policySeries: { format: 'Blank series: 3 Cyrillic letters, e.g. ХХХ' },
    policyNumber: { format: 'Blank number: 10 digits' },
    policyBlank: { format: 'Blank series and number: 3 Cyrillic letters and 10 digits, e.g. ХХХ 0123456789' },
    backup: {
      interval: 'Choose an interval from the list',
    },
    blankRange: {
      order: 'The "to" number cannot be below the "from" number',
      tooMany: 'At most 10,000 blanks can be received at once',
    },
    spoilReason: { tooShort: 'Describe the reason in more detail — at least 3 characters' },
    receiptNumber: {
      format:
        'Receipt number: the fiscal document number (ФД) printed on the receipt, up to 10 digits, e.g. «ФД 12345»; the fiscal sign may follow: «ФД 12345 ФП 1234567890»',
    },
    registerUrl: { format: 'Address of the register’s web server, like http://127.0.0.1:16732' },
    required: 'Required',
    invalidType: 'Wrong type of value',
    unknownField: 'Unexpected field: {field}',
    text: { tooLong: 'Text is too long' },
    number: { min: 'Value is too small', max: 'Value is too large' },
    date: {
      format: 'Date as DD.MM.YYYY',
      incomplete: 'The date is not complete — DD.MM.YYYY is needed',
      invalid: 'There is no such date: {text}',
      openCalendar: 'Open the calendar',
      placeholder: 'DD.MM.YYYY',
    },
    dateTime: {
      placeholder: 'DD.MM.YYYY HH:MM',
      incomplete: 'Enter the date and time in full — DD.MM.YYYY HH:MM',
      invalid: 'No such date or time: {text} (hours 00–23, minutes 00–59)',
    },
    id: { format: 'Invalid identifier' },
    login: { format: 'Login: 3–32 characters — Latin letters, digits, dot, hyphen, underscore' },
    password: {
      tooShort: 'At least 8 characters',
      tooLong: 'At most 128 characters',
      lettersAndDigits: 'Use both letters and digits',
      mismatch: 'Passwords do not match',
    },
    branchCode: { format: 'Branch code: 2–16 characters — letters, digits, hyphen' },
    hqUrl: { format: 'An address like https://hq.example.com' },
    enrolmentCode: { format: 'A 16-character code: XXXX-XXXX-XXXX-XXXX' },
    sha256: { format: 'Not a file id' },
  },
} satisfies LocaleFile<typeof ru>
