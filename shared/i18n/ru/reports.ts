export default {
  reports: {
    title: 'Отчёты',
    noRows: 'Нет данных',
    blankReport: {
      title: 'Отчёт о движении бланков',
      from: 'С',
      to: 'По',
      show: 'Сформировать',
      empty: 'За этот период бланков не было',
    },
    actions: {
      print: 'Печать',
      xlsx: 'XLSX',
      csv: 'CSV',
      saved: 'Файл сохранён: {file}',
    },
    fileKind: {
      xlsx: 'Книга Excel (XLSX)',
      csv: 'Текст CSV для Excel',
    },
    errors: {
      periodOrder: 'Конец периода раньше его начала',
      periodTooLong: 'Период не длиннее года',
      writeFailed: 'Не удалось записать файл в {path}. Выберите другую папку',
    },
  },
} as const
