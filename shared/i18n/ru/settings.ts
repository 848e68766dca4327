/** Branch settings (sign-in and lock policy). */
export default {
  settings: {
    title: 'Настройки безопасности',
    idleLockMinutes: 'Блокировка экрана после бездействия, мин',
    maxFailedSignIns: 'Неудачных попыток входа до блокировки',
    lockoutMinutes: 'Длительность блокировки учётной записи, мин',
  },
} as const
