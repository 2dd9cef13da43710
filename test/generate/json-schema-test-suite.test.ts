import { expect, it } from 'vitest'
import { KNOWN_REFUSALS, eligibleGroups, suiteFiles } from '../helpers/schema-suite.js'

// The suite itself runs in test/generate/suite/*.test.ts (one file per share, in parallel).

it('vendors the whole draft2020-12 and draft7 folders, optional/format included', () => {
  expect(suiteFiles('draft2020-12').length).toBeGreaterThanOrEqual(60)
  expect(suiteFiles('draft7').length).toBeGreaterThanOrEqual(45)
  expect(suiteFiles('draft2020-12', (f) => f.includes('/optional/format/'))).toContain(
    'draft2020-12/optional/format/iri.json',
  )
  expect(suiteFiles('draft7', (f) => f.includes('/optional/format/'))).toContain(
    'draft7/optional/format/idn-email.json',
  )
})

for (const folder of ['draft2020-12', 'draft7']) {
  it(`refuses at most 1% of the ${folder} groups that have a valid instance and no remote ref`, () => {
    const eligible = eligibleGroups(folder)
    const refused = Object.keys(KNOWN_REFUSALS).filter((name) => name.startsWith(`${folder}/`))
    for (const name of refused) expect(eligible).toContain(name)
    console.log(
      `${folder}: ${eligible.length - refused.length} of ${eligible.length} groups generate only valid values, ${refused.length} refused`,
    )
    expect(refused.length / eligible.length).toBeLessThanOrEqual(0.01)
  })
}
