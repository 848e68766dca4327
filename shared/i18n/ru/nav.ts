/** The navigation menu. */
export default {
  nav: {
    home: 'Главная',
    osago: 'ОСАГО',
    casco: 'КАСКО',
    renewals: 'Продления',
    inspections: 'Осмотры',
    approvals: 'Согласования',
    terminations: 'Расторжения',
    blanks: 'Бланки БСО',
    sync: 'Синхронизация',
    staff: 'Сотрудники',
    settings: 'Настройки',
    signOut: 'Выйти',
    lockScreen: 'Заблокировать',
  },
} as const
