/** Renewal at the office: the worklist of contracts ending soon, the renewal's links on the forms. */
export default {
  renewal: {
    title: 'Истекают в ближайшие {days} дней',
    hint: 'Договоры филиала, которые заканчиваются в ближайшие {days} дней и ещё не продлены. Enter на строке — продлить.',
    none: 'В ближайшие {days} дней договоры не заканчиваются.',
    columns: {
      client: 'Клиент',
      phone: 'Телефон',
      vehicle: 'Автомобиль',
      endDate: 'Окончание',
      daysLeft: 'Осталось',
      product: 'Продукт',
      action: 'Продление',
    },
    products: { osago: 'ОСАГО', casco: 'КАСКО' },
    daysLeft: '{days} дн.',
    today: 'сегодня',
    renew: 'Продлить',
    openRenewal: 'Открыть продление',
    noNumber: 'без номера',
    loadMore: 'Показать ещё',
    shown: 'Показано {shown} из {total}',
    links: {
      renews: 'Продление полиса {number}',
      renewsCasco: 'Продление договора КАСКО {number}',
      renewedBy: 'Продлён: {number}',
      renewedByDraft: 'Начато продление (черновик)',
      open: 'Открыть',
    },
    errors: {
      notInForce: 'Продлить можно только действующий договор: выданный и не расторгнутый.',
      tooEarly: 'Продление возможно не ранее чем за {days} дней до окончания договора — с {date}.',
      ended: 'Договор закончился {date}: продление уже невозможно, оформите новый договор.',
    },
  },
} as const
