/** The application name shown in the window and the shell. */
export default {
  app: { name: 'Branch Desk', tagline: 'Рабочее место филиала' },
} as const
