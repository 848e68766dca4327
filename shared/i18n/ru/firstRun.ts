/** First start: registering the branch and its first administrator. */
export default {
  firstRun: {
    title: 'Первый запуск',
    intro: 'Создайте филиал и учётную запись его администратора. Это делается один раз.',
    branchSection: 'Филиал',
    adminSection: 'Администратор филиала',
    code: 'Код филиала',
    name: 'Название',
    city: 'Город',
    login: 'Логин',
    fullName: 'ФИО',
    password: 'Пароль',
    passwordRepeat: 'Пароль ещё раз',
    submit: 'Создать филиал',
    done: 'Филиал создан. Войдите как администратор.',
  },
} as const
