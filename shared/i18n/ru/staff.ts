/** Staff management (accounts, roles, passwords). */
export default {
  staff: {
    title: 'Сотрудники',
    add: 'Добавить сотрудника',
    login: 'Логин',
    fullName: 'ФИО',
    role: 'Роль',
    status: 'Статус',
    active: 'Активен',
    disabled: 'Отключён',
    lockedUntil: 'Заблокирован до {time}',
    disable: 'Отключить',
    enable: 'Включить',
    resetPassword: 'Сбросить пароль',
    newPassword: 'Новый пароль',
    tempPasswordHint: 'Сотрудник сменит пароль при первом входе',
    editTitle: 'Сотрудник',
    created: 'Сотрудник добавлен',
    updated: 'Изменения сохранены',
    passwordReset: 'Пароль сброшен',
    confirmDisable: {
      title: 'Отключить сотрудника?',
      text: '{name} не сможет войти в программу, пока его не включат снова. Оформленные им документы останутся.',
    },
  },
} as const
