/** «Что если…» beside the OSAGO premium and the CASCO comparison (issue 17, decision 110). */
export default {
  whatIf: {
    title: 'Что если…',
    hint: 'Те же расчёты с одним изменением. «Применить» внесёт его в анкету.',
    apply: 'Применить',
    applyLabel: 'Применить: {label}',
    noChange: 'без изменений',
    column: 'Вариант {n}',
    columnsLabel: 'Вариант для сравнения',
    cascoTotal: 'Сумма к оплате по варианту, с надбавкой за рассрочку',
    none: 'Других вариантов для этого расчёта нет',
    osago: {
      anyDriver: 'Без ограничения списка водителей (КБМ собственника — класс {class})',
      withoutDriver: 'Без водителя {name}',
      withoutDriverNumber: 'Без водителя № {n}',
      months: {
        m3: 'Период использования — 3 месяца',
        m6: 'Период использования — 6 месяцев',
        m9: 'Период использования — 9 месяцев',
      },
      wholeYear: 'Использование весь год, без периодов',
    },
    casco: {
      franchise: {
        unconditional: {
          amount: 'Безусловная франшиза {value} ₽',
          percent: 'Безусловная франшиза {value} % страховой суммы',
        },
        conditional: {
          amount: 'Условная франшиза {value} ₽',
          percent: 'Условная франшиза {value} % страховой суммы',
        },
      },
      settlement: {
        dealer: 'Ремонт у официального дилера',
        clientChoice: 'Ремонт на СТОА по выбору клиента',
        nonDealer: 'Ремонт на недилерской СТОА',
        cash: 'Выплата деньгами по калькуляции',
      },
      plan: {
        single: 'Оплата одним платежом',
        two: 'Оплата в два платежа',
        four: 'Оплата четырьмя платежами',
      },
    },
  },
} as const
