import messages from '../../shared/i18n/ru/support'

/**
 * What a clerk sees when the app cannot start: a Russian dialog that says what went wrong in their terms and
 * what to do, with the log's folder for support. The raw error goes to the log, not to the dialog.
 */
export interface StartupFailureText {
  title: string
  content: string
  kind: 'dataFolder' | 'reference' | 'database' | 'installation' | 'other'
}

const FOLDER_CODES = new Set(['EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC', 'ENOENT', 'EISDIR'])

export function describeStartupFailure(
  error: unknown,
  where: { dataDir: string; logsDir: string },
): StartupFailureText {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; file?: unknown; path?: unknown }
  const message = typeof e.message === 'string' ? e.message : String(error)
  const text = messages.support.startup
  let kind: StartupFailureText['kind'] = 'other'
  let path = ''
  if (e.name === 'ReferenceDataError' || /^Reference data file /u.test(message)) {
    kind = 'reference'
    path = typeof e.file === 'string' ? e.file : (/^Reference data file (.+?) is invalid/u.exec(message)?.[1] ?? '')
  } else if (
    /NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node|Could not locate the bindings file/u.test(
      message,
    )
  ) {
    kind = 'installation'
  } else if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) {
    kind = 'database'
    path = `${where.dataDir}`
  } else if (typeof e.code === 'string' && FOLDER_CODES.has(e.code)) {
    kind = 'dataFolder'
    path = typeof e.path === 'string' ? e.path : where.dataDir
  }
  const body = text[kind].replace('{path}', path)
  const logs = where.logsDir ? `\n\n${text.logs.replace('{path}', where.logsDir)}` : ''
  return { kind, title: text.title, content: `${body}${logs}` }
}
