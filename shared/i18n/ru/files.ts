/** File dialogs. */
export default {
  files: { errors: { noDialogs: 'Окно выбора файла доступно только в приложении' } },
} as const
