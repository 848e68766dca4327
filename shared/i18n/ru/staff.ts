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
  },
} as const
