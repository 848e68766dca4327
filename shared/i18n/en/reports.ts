import type ru from '../ru/reports'
import type { LocaleFile } from '../schema'

export default {
  reports: {
    title: 'Reports',
    noRows: 'No data',
    blankReport: {
      title: 'Blank movement report',
      from: 'From',
      to: 'To',
      show: 'Show',
      empty: 'No blanks in this period',
    },
    actions: {
      print: 'Print',
      xlsx: 'XLSX',
      csv: 'CSV',
      saved: 'File saved: {file}',
    },
    fileKind: {
      xlsx: 'Excel workbook (XLSX)',
      csv: 'CSV text for Excel',
    },
    errors: {
      periodOrder: 'The period ends before it starts',
      periodTooLong: 'The period is at most a year',
      writeFailed: 'Could not write the file to {path}. Choose another folder',
    },
  },
} as const satisfies LocaleFile<typeof ru>
