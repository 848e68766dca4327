/** The global search (Ctrl+K anywhere): the dialog, its groups and its key hints. */
export default {
  search: {
    open: 'Поиск',
    shortcut: 'Ctrl+K',
    title: 'Поиск по всем записям',
    placeholder: 'Номер полиса или договора, госномер, VIN, фамилия, телефон',
    results: 'Найденные записи',
    kinds: {
      osago: 'ОСАГО',
      casco: 'КАСКО',
      inspection: 'Осмотры',
      termination: 'Расторжения',
      client: 'Клиенты',
    },
    prompt: 'Начните вводить — результаты появятся сразу',
    searching: 'Ищем…',
    empty: 'Ничего не найдено',
    failed: 'Поиск не удался: {message}',
    hint: '↑ ↓ — выбор · Enter — открыть · Esc — закрыть',
  },
} as const
