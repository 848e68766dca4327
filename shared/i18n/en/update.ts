import type ru from '../ru/update'
import type { LocaleFile } from '../schema'

export default {
  update: {
    banner: {
      available: 'Update {version} found, downloading…',
      downloading: 'Downloading update {version}: {percent}%',
      downloaded: 'Update {version} is available',
      restart: 'Restart and update',
      later: 'Later',
      installing: 'Closing to install update {version}…',
      onQuit: 'If you do not restart now, the update is installed when the app is closed.',
      unsavedTitle: 'Save your changes first',
    },
    status: {
      title: 'App updates',
      current: 'Installed version {version}',
      lastCheck: 'Last check: {at}',
      never: 'not checked yet',
      unsupported: 'This build does not update itself (development build).',
      idle: 'The latest version offered to the branch is installed.',
      checking: 'Checking for updates…',
      checkNow: 'Check now',
    },
    forms: {
      'osago-draft': 'OSAGO application',
      'casco-draft': 'CASCO quote',
      'inspection-report': 'inspection report',
    },
    errors: {
      checkFailed: 'Could not check for updates: {message}. Will retry later.',
      downloadFailed: 'Could not download the update: {message}. Will retry once head office is reachable.',
      installFailed: 'Could not start the update installer: {message}',
      notDownloaded: 'The update has not been downloaded yet.',
      unsavedForms: 'There are unsaved changes ({forms}). Wait for them to be saved or close the form, then try again.',
    },
  },
} satisfies LocaleFile<typeof ru>
