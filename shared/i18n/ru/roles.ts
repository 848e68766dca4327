/** Staff role names. */
export default {
  roles: {
    clerk: 'Операционист',
    inspector: 'Осмотрщик',
    supervisor: 'Руководитель',
    admin: 'Администратор',
  },
} as const
