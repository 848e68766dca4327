/** The lock screen after idle time. */
export default {
  lock: {
    title: 'Экран заблокирован',
    text: 'Сеанс пользователя {name} заблокирован после бездействия. Введите пароль.',
    password: 'Пароль',
    unlock: 'Разблокировать',
    signOut: 'Выйти и войти другим пользователем',
  },
} as const
