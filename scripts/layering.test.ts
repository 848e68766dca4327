import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The import rules of eslint.config.js, proven to fire: a violation added anywhere fails `npm run lint`. */
const eslint = new ESLint()

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layering lint rules', () => {
  it("forbids 'electron' outside electron/", async () => {
    for (const file of ['core/app/x.ts', 'shared/app/x.ts', 'renderer/src/x.ts', 'hq/x.ts', 'scripts/x.ts']) {
      expect(await errorsFor(file, "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
    }
    expect(
      await errorsFor('electron/main/x.ts', "import { app } from 'electron'\nexport const a = app\n"),
    ).toHaveLength(0)
  })

  it('forbids the renderer importing the core, and the core importing the renderer', async () => {
    expect(
      await errorsFor(
        'renderer/src/features/x/Y.ts',
        "import { createCore } from '../../../../core/app/createCore'\nexport const c = createCore\n",
      ),
    ).toHaveLength(1)
    expect(
      await errorsFor('core/app/x.ts', "import { router } from '../../renderer/src/router'\nexport const r = router\n"),
    ).toHaveLength(1)
    expect(
      await errorsFor('renderer/src/x.ts', "import { contract } from '@shared/contract'\nexport const c = contract\n"),
    ).toHaveLength(0)
  })

  it('keeps shared/ pure', async () => {
    expect(
      await errorsFor('shared/osago/x.ts', "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n"),
    ).toHaveLength(1)
    expect(
      await errorsFor(
        'shared/osago/x.ts',
        "import { openDatabase } from '../../core/db/openDatabase'\nexport const o = openDatabase\n",
      ),
    ).toHaveLength(1)
  })
})
