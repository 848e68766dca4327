/** The navigation menu. */
export default {
  nav: {
    home: 'Главная',
    osago: 'ОСАГО',
    casco: 'КАСКО',
    renewals: 'Продления',
    radar: 'Радар сроков',
    inspections: 'Осмотры',
    approvals: 'Согласования',
    terminations: 'Расторжения',
    blanks: 'Бланки БСО',
    reports: 'Отчёты',
    cash: 'Касса',
    sync: 'Синхронизация',
    staff: 'Сотрудники',
    settings: 'Настройки',
    signOut: 'Выйти',
    lockScreen: 'Заблокировать',
  },
} as const
