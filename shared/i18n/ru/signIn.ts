/** The sign-in screen. */
export default {
  signIn: {
    title: 'Вход в систему',
    login: 'Логин',
    password: 'Пароль',
    submit: 'Войти',
    hint: 'Учётные записи создаёт администратор филиала',
  },
} as const
