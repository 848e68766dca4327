/** The status bar. */
export default {
  status: {
    user: 'Пользователь',
    branch: 'Филиал',
    hqNotConfigured: 'Связь с ЦО не настроена',
    hqNotConfiguredHint: 'Устройство ещё не подключено к центральному офису: все данные сохраняются в филиале',
  },
} as const
