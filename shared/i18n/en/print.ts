import type ru from '../ru/print'
import type { LocaleFile } from '../schema'

/** Printing: the preview dialog, printer settings and the core's refusals. Printed documents are always Russian. */
export default {
  print: {
    documents: {
      'osago-policy-blank': 'OSAGO policy on the blank',
      'osago-policy-archive': 'OSAGO policy — archive copy',
      'osago-application': 'OSAGO application',
      'print-calibration': 'Calibration page',
      'casco-contract': 'CASCO contract (policy) with appendices',
      'casco-schedule': 'CASCO payment schedule',
      'osago-change-addendum': 'OSAGO contract change',
      'osago-change-policy-blank': 'OSAGO policy on its new blank',
      'client-erasure-act': 'Act of destruction of personal data',
      'inspection-report': 'Vehicle inspection report',
      'termination-application': 'Application (2 copies)',
      'termination-refund-sheet': 'Refund calculation sheet',
      'blank-report': 'Blank movement report',
      'cash-report': 'Daily cash report',
    },
    actions: {
      preview: 'Preview and print',
      print: 'Print',
      save: 'Save as PDF',
      close: 'Close',
      printer: 'Printer',
      systemDialog: 'Choose in the system print dialog',
      retry: 'Try again',
    },
    preview: {
      loading: 'Preparing the document…',
      failed: 'The document could not be shown',
      page: 'Page {page} of {count}',
      blankHint:
        'Only the filled-in fields are printed onto the blank. Put the blank in the tray face up, as for calibration.',
    },
    result: {
      printed: 'Sent to the printer',
      printCancelled: 'Printing cancelled',
      saved: 'Saved: {path}',
      saveCancelled: 'Saving cancelled',
    },
    printers: {
      title: 'Printers for blanks',
      intro:
        "The offset corrects a printer's paper feed so the fields land in the boxes of the blank. Print the calibration page on plain paper, measure where crosshair A is and enter the correction.",
      printer: 'Printer',
      none: 'No printers found',
      offsetX: 'Horizontal offset, mm',
      offsetY: 'Vertical offset, mm',
      offsetHint: 'Plus moves right / down, minus left / up. Steps of 0.1 mm, at most 20 mm',
      printCalibration: 'Calibration page',
      save: 'Save offset',
    },
    errors: {
      documentUnavailable: 'This document cannot be printed yet',
      printFailed: 'The printer did not print the document: {reason}',
      noPlatform: 'Printing and saving are unavailable: the app runs without its shell',
      notCalculated: 'The policy is not priced yet: documents are printed after the premium is calculated',
      notIssued:
        'The policy is not issued: the blank and the archive copy are printed only for a paid policy with a blank assigned',
      alreadyPrinted:
        'The policy has already been printed on blank {blank}. If the blank is spoiled, record it as spoiled and reissue the policy on a new blank',
      policyDiscarded: 'The draft was discarded: there is nothing to print',
      awaitingRegistration:
        'The policy is not registered in the national (RSA) database yet, and head office allows printing the blank only after registration. Sync with head office, wait for the registration and print again',
      registrationRefused:
        'The national (RSA) database refused to register the policy: {reason}. It cannot be printed on a blank; contact head office',
      tooManyDriversForBlank: 'The blank has {rows} rows for drivers, the policy lists {count}',
      tooManyPeriodsForBlank: 'The blank has {rows} rows for periods of use, the policy has {count}',
      fieldDoesNotFit:
        'The text of field "{field}" does not fit on the blank even in small type. Shorten it (an address, for example) and try again',
      noLayout: 'No policy blank layout is in force on {date}. Contact head office',
      unknownModel: 'Model "{model}" is not in the vehicle catalogue',
      unknownPurpose: 'Purpose of use "{purpose}" is not in the reference list',
      offsetRange: 'The offset is between −20 and +20 mm',
      offsetStep: 'The offset is set in steps of 0.1 mm',
    },
  },
} satisfies LocaleFile<typeof ru>
