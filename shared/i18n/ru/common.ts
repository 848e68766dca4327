export default {
  common: {
    save: 'Сохранить',
    cancel: 'Отмена',
    close: 'Закрыть',
    edit: 'Изменить',
    create: 'Создать',
    yes: 'Да',
    no: 'Нет',
    loading: 'Загрузка…',
    saved: 'Сохранено',
    actions: 'Действия',
    language: 'Язык',
    loadMore: 'Показать ещё',
    shownOf: 'Показано {shown} из {total}',
    shownOfAtLeast: 'Показано {shown} из {total}+',
    refineSearch: 'Показаны {total} самых новых — уточните запрос',
  },
} as const
