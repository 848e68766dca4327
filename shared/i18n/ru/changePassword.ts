/** The change-password dialog (forced at first sign-in and on request). */
export default {
  changePassword: {
    title: 'Смена пароля',
    text: 'Пароль задан администратором. Придумайте свой пароль, чтобы продолжить.',
    current: 'Текущий пароль',
    next: 'Новый пароль',
    repeat: 'Новый пароль ещё раз',
    submit: 'Сменить пароль',
  },
} as const
