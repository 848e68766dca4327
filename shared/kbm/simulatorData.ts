import { z } from 'zod'
import { referenceFile } from '../reference/envelope'

/**
 * The test people of HQ's KBM simulator (hq/national/simulatedNationalRegister.ts; docs/domain/kbm-check.md): a
 * document → the class the simulated national database answers. Anyone else is unknown to it and gets `unknownClass`
 * — class 3, what the rules give a first-time driver or owner with no data in the database (DOMAIN A.4).
 */
export const KBM_SIMULATOR_KIND = 'kbm-simulator'

const kbmClass = z.enum(['M', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'])

export const kbmSimulatorDataSchema = z.strictObject({
  unknownClass: kbmClass,
  people: z
    .array(
      z.strictObject({
        kind: z.enum(['licence', 'passport', 'inn']),
        /** Normalised as the device sends it: digits and upper-case letters only. */
        document: z.string().regex(/^[0-9A-ZА-ЯЁ]{1,20}$/),
        class: kbmClass,
        /** Who the test person stands for (a demo or a test picks one by it). */
        note: z.string().max(200),
      }),
    )
    .refine((people) => new Set(people.map((p) => `${p.kind}:${p.document}`)).size === people.length, {
      message: 'a document is listed twice',
    }),
})
export type KbmSimulatorData = z.infer<typeof kbmSimulatorDataSchema>

export const kbmSimulatorFileSchema = referenceFile(KBM_SIMULATOR_KIND, kbmSimulatorDataSchema)
