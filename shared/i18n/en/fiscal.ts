import type ru from '../ru/fiscal'
import type { LocaleFile } from '../schema'

/** The cash register (54-FZ receipts): settings, the register's check and its errors (core/fiscal). */
export default {
  fiscal: {
    receiptByRegister: 'The register prints the receipt — the number may be left empty',
    settings: {
      title: 'Cash register (54-FZ)',
      intro:
        "This computer's cash register issues a receipt for every premium taken and refund paid. Without a connected register the clerk types the receipt number (ФД).",
      driver: 'Register',
      drivers: {
        none: 'Not connected — receipt numbers are typed',
        'atol-web': 'ATOL through the web server of «Драйвер ККТ» (version 10)',
      },
      url: 'Web server address',
      urlHint: "Usually http://127.0.0.1:16732 — the ATOL driver's web server on this computer",
      timeoutSeconds: 'Wait for the register, seconds',
      save: 'Save',
      check: 'Check the register',
      connected: 'The register answers.',
      shiftOpen: 'Shift {number} is open.',
      shiftClosed: 'The shift is closed — it opens with the first receipt.',
      shiftExpired: 'Shift {number} has been open for more than 24 hours — close it on the register (Z report).',
      noRegister: 'No register connected: receipt numbers are typed.',
    },
    errors: {
      unreachable:
        "No connection to the register's web server at {url}. Check that the register is on and ATOL's «Драйвер ККТ» is running.",
      timeout: 'The register did not answer within {seconds} s. Check the register and try again.',
      timeoutMaybePrinted:
        'The register did not answer within {seconds} s. The receipt may have been printed: look at the register before trying again.',
      rejected: "The register's web server refused the task (HTTP {status}). {description}",
      badAnswer:
        'The register sent an answer the program does not understand ({detail}). Check the receipt on the register.',
      queueBlocked:
        "The register's task queue is stopped by an earlier error. Clear it in «Драйвер ККТ» and try again.",
      interrupted: 'The task on the register was interrupted. Check whether the receipt was printed before retrying.',
      noDevice: 'The ATOL web server runs but does not see the register: check its cable and power.',
      noPaper: 'The register is out of receipt paper. Load a new roll and try again.',
      coverOpened: "The register's cover is open. Close it and try again.",
      shiftExpired:
        'The shift on the register has been open for more than 24 hours. Close it (Z report) and try again.',
      shiftClosed: 'The shift on the register is closed. Open it and try again.',
      shiftAlreadyOpen: 'The shift on the register is already open.',
      fnFull:
        "The register's fiscal drive is full — no receipts can be issued. The drive must be replaced by a service centre.",
      fnExpired:
        "The register's fiscal drive has expired — no receipts can be issued. The drive must be replaced by a service centre.",
      device: 'The register reported error {code}: {description}',
    },
  },
} as const satisfies LocaleFile<typeof ru>
